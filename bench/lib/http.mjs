/**
 * What the HTTP benchmarks share: starting the server (bench/lib/serve.mjs) in a child process, loading a family and
 * making a token through the CLI (`pacte load`, `pacte token add`), and a closed-loop load generator: C clients, each
 * with its own keep-alive connection, each sending its next request when the previous one is answered.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { now, ROOT } from './common.mjs';

const { main } = await import(join(ROOT, 'dist/cli/main.js'));

/** Runs a pacte command in process; returns its output, or throws with it. */
export async function pacte(args) {
  let out = '';
  let err = '';
  const io = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  };
  const code = await main(args, io);
  if (code !== 0) throw new Error(`pacte ${args.join(' ')}: exit ${code}\n${err}${out}`);
  return out;
}

/** Starts bench/lib/serve.mjs on a store; resolves with { url, child } once it listens. */
export function startServer(dbUrl) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'lib', 'serve.mjs'), dbUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ url: JSON.parse(line).url, child }));
  });
}

export function stopServer(child, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** One HTTP request on a keep-alive agent; resolves with { status, body }. */
export function request(agent, url, { method = 'GET', headers = {}, body = null } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } : headers,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/**
 * Closed loop: `clients` concurrent clients for `seconds`, each calling `next(client, k)` for its k-th request
 * ({url, method, headers, body}) and `done(client, k, response)` with the answer. Returns latencies (ms) and the
 * number of requests answered.
 */
export async function closedLoop({ clients, seconds, next, done = () => {} }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies = [];
  const until = now() + seconds * 1000;
  const t0 = now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let k = 0; now() < until; k++) {
        const r = next(client, k);
        const t = now();
        const res = await request(agent, r.url, r);
        latencies.push(now() - t);
        done(client, k, res);
      }
    }),
  );
  const elapsed = now() - t0;
  agent.destroy();
  return { latencies, elapsed, count: latencies.length };
}
