import { createApp } from './dist/server/app.js';
import { listen } from './dist/server/listen.js';
import { MemoryStore } from './dist/store/memory/memory-store.js';
import { canonicalEvent } from './dist/store/chain.js';
import { generateToken, hashToken } from './dist/store/tokens.js';
import { readdirSync, readFileSync } from 'node:fs';
const dir = 'examples/openai-microsoft';
async function setup(workers) {
  const store = new MemoryStore();
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.pacte.md'))
    .sort())
    await store.putVersion('openai-microsoft', f, readFileSync(`${dir}/${f}`, 'utf8'));
  const events = readFileSync(`${dir}/ledger.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l);
      return { id: o.id, body: canonicalEvent(o) };
    });
  await store.append({ family: 'openai-microsoft', events, idempotencyKey: null, expectedSeq: null });
  const token = generateToken();
  await store.addToken({
    hash: hashToken(token),
    family: 'openai-microsoft',
    party: 'microsoft',
    admin: false,
    label: 'x',
    createdAt: new Date().toISOString(),
    expiresAt: null,
  });
  const app = createApp({ store, webDir: null, evaluation: { workers } });
  const running = await listen(app, store, '127.0.0.1', 0);
  return { running, token };
}
const mode = Number(process.argv[2]);
const { running, token } = await setup(mode);
const dates = Array.from({ length: 200 }, (_, i) => new Date(Date.UTC(2019, 0, 1) + i * 13 * 86400000).toISOString().slice(0, 10));
let size = 0;
for (let round = 0; round < 3; round++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let k = 0; k < 600; k++) {
    const r = await fetch(`${running.url}/api/families/openai-microsoft/state?asOf=${dates[k % 200]}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    size = (await r.text()).length;
  }
  const c = process.cpuUsage(c0);
  console.log(
    `workers=${mode} round ${round}: ${((performance.now() - t0) / 600).toFixed(2)} ms/req, cpu ${((c.user + c.system) / 1000 / 600).toFixed(2)} ms/req (all threads, incl. client), body ${size}`,
  );
}
await running.close();
