/**
 * `readTextFile(path)`: the UTF-8 text of a regular file, and nothing else. A FIFO, a socket or a device (a link to
 * /dev/zero named ledger.jsonl) is refused with a clear error instead of blocking or reading without end: the file
 * is opened without blocking (a FIFO with no writer would otherwise hang the open itself), checked with fstat, and
 * read only if it is a regular file. Errors are thrown as `Error`s whose message names the problem.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import type { Stats } from 'node:fs';

/** What a non-regular file is, in words. */
function kind(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A file that exists but is not a regular file. */
export class NotRegularFileError extends Error {}

export function readTextFile(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    // A directory is left to the read, which fails at once with EISDIR (the message the tools already give).
    if (!st.isFile() && !st.isDirectory()) throw new NotRegularFileError(`not a regular file: ${kind(st)}`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
