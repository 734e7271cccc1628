/**
 * Reads a request body within bounds: at most `maxBytes` on the wire (refused from `Content-Length` before reading,
 * or as soon as a chunked body passes it), at most `maxBytes` once decompressed (gzip, deflate, br: decompression
 * stops at the bound, so a zip bomb costs at most that much), valid UTF-8, and JSON nested at most `maxDepth` deep
 * (checked before parsing, so 10,000 nested arrays are a 400, not a stack overflow). Syntax errors say where, found
 * by the ledger's JSON scanner (engine/ledger.ts).
 */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { JsonSyntaxError, scanLine } from '../ledger/ledger.js';
import { ApiError } from './errors.js';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_JSON_DEPTH = 64;

const DECODERS = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
} as const;

/** Reads the raw bytes, counting as they arrive; stops reading (and cancels the stream) past `max`. */
async function readBounded(req: Request, max: number): Promise<Buffer> {
  const declared = req.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > max) throw new ApiError('too-large', { max });
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new ApiError('too-large', { max });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The same, reading Node's request stream directly (when served by @hono/node-server): building a web `Request`
 * with a body stream for every request cost more CPU than the rest of an append. Past `max`, it stops listening and
 * pauses the stream; the 413 then closes the connection (errors.ts).
 */
function readBoundedIncoming(incoming: IncomingMessage, max: number): Promise<Buffer> {
  const declared = incoming.headers['content-length'];
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > max) return Promise.reject(new ApiError('too-large', { max }));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (): void => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer | string): void => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += b.byteLength;
      if (total > max) {
        done();
        incoming.pause();
        reject(new ApiError('too-large', { max }));
        return;
      }
      chunks.push(b);
    };
    const onEnd = (): void => {
      done();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = (e: Error): void => {
      done();
      reject(new ApiError('bad-request', { detail: e.message }));
    };
    const onClose = (): void => {
      if (incoming.readableEnded) {
        onEnd();
        return;
      }
      done();
      reject(new ApiError('client-closed'));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
    if (incoming.readableEnded) onEnd();
  });
}

async function decode(raw: Buffer, encoding: string | null, max: number): Promise<Buffer> {
  const enc = (encoding ?? 'identity').trim().toLowerCase();
  if (enc === 'identity' || enc === '') return raw;
  const decoder = DECODERS[enc as keyof typeof DECODERS];
  if (!decoder) throw new ApiError('unsupported-encoding', { encoding: JSON.stringify(enc) });
  try {
    // maxOutputLength stops the decompression one byte past the bound.
    return await decoder(raw, { maxOutputLength: max + 1 });
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new ApiError('too-large-decoded', { max });
    throw new ApiError('bad-encoding', { detail: e instanceof Error ? e.message : String(e) });
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The offset where arrays and objects first nest deeper than `max`, or -1. Strings are skipped. */
export function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return -1;
}

/** Parses JSON text with the depth bound; errors are ApiErrors with line and column. */
export function parseJsonBody(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const deep = tooDeepAt(text, maxDepth);
  if (deep >= 0) throw new ApiError('too-deep', { max: maxDepth, ...lineColumn(text, deep) });
  try {
    return JSON.parse(text);
  } catch (e) {
    // The ledger's scanner locates the error and words it the same on every Node version.
    const scan = scanLine(text);
    const at =
      scan instanceof JsonSyntaxError
        ? { offset: scan.at, detail: scan.detail }
        : { offset: 0, detail: e instanceof Error ? e.message : String(e) };
    const where = lineColumn(text, at.offset);
    throw new ApiError('bad-json', { detail: at.detail, ...where }, where);
  }
}

/**
 * Reads, decompresses and decodes a body as UTF-8 text, within `maxBytes`: from Node's request stream when there is
 * one (`incoming`, the server), else from the web `Request` (hono's `app.request` in tests).
 */
export async function readBodyText(req: Request, maxBytes = MAX_BODY_BYTES, incoming?: IncomingMessage): Promise<string> {
  const raw = incoming && !incoming.readableDidRead ? await readBoundedIncoming(incoming, maxBytes) : await readBounded(req, maxBytes);
  const bytes = await decode(raw, req.headers.get('content-encoding'), maxBytes);
  if (bytes.byteLength > maxBytes) throw new ApiError('too-large-decoded', { max: maxBytes });
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError('not-utf8');
  }
}
