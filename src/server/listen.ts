/**
 * Runs an app on a port with @hono/node-server, and stops gracefully: on SIGTERM or SIGINT the server stops taking
 * connections, lets requests in flight finish (each append is acknowledged only once durable), then stops the app's
 * evaluation workers and closes the store.
 */
import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { serve } from '@hono/node-server';
import type { Store } from '../store/store.js';
import type { App } from './deps.js';
import { closeApp } from './deps.js';

export interface Running {
  readonly url: string;
  readonly port: number;
  readonly server: ServerType;
  /** Stops taking connections, waits for requests in flight, closes the store. */
  close(): Promise<void>;
}

export function listen(app: App, store: Store, host: string, port: number): Promise<Running> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      const shown = host.includes(':') ? `[${host}]` : host;
      let closing: Promise<void> | null = null;
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        server,
        close() {
          closing ??= new Promise<void>((done) => {
            server.close(() => done());
            // Idle keep-alive connections would hold close() open.
            (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
          })
            .then(() => closeApp(app))
            .then(() => store.close());
          return closing;
        },
      });
    });
    server.once('error', reject);
  });
}

/** Closes `running` on SIGTERM/SIGINT, then exits 0; a second signal exits at once. */
export function closeOnSignals(running: Running, log: (s: string) => void): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`pacte serve: ${signal}, stopping`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
