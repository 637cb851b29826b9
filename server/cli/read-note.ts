// Reading a note for the CLI: only regular files (a FIFO or /dev/zero would block or never end), at
// most a size limit, text only; every refusal is a sentence naming the file, never a raw errno.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

export const DEFAULT_MAX_MB = 10;
const BYTES_PER_MB = 1_000_000;

/** Why a note cannot be read; the CLI prints it and goes on with the other files. */
export class UnreadableNote extends Error {}

function errnoText(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a directory';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'ELOOP': return 'too many symbolic links';
    case 'ENAMETOOLONG': return 'the path is too long';
    default: return (e as Error).message;
  }
}

function notRegular(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'it is a directory';
  if (stats.isFIFO()) return 'it is a pipe (FIFO), not a regular file';
  if (stats.isSocket()) return 'it is a socket, not a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a regular file';
  return 'it is not a regular file';
}

function megabytes(bytes: number): string {
  return `${Number((bytes / BYTES_PER_MB).toPrecision(3))} MB`;
}

/** The note's text; throws UnreadableNote with the reason. `maxMb` is the --max-size limit. */
export function readNote(path: string, maxMb = DEFAULT_MAX_MB): string {
  const limit = Math.floor(maxMb * BYTES_PER_MB);
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO with no writer returns at once instead of waiting forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UnreadableNote(`cannot read ${path}: ${errnoText(e)}`);
  }
  try {
    const stats = fstatSync(fd);
    const why = notRegular(stats);
    if (why) throw new UnreadableNote(`cannot read ${path}: ${why}`);
    if (stats.size > limit) {
      throw new UnreadableNote(`refusing ${path}: it is ${megabytes(stats.size)}, above the limit of ${megabytes(limit)} (raise it with --max-size=MB)`);
    }
    // Read at most one byte past the limit: a file that grows while we read is still bounded.
    const buffer = Buffer.alloc(Math.min(limit + 1, stats.size + 1));
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    if (length > limit) throw new UnreadableNote(`refusing ${path}: it grew above the limit of ${megabytes(limit)} while being read`);
    const bytes = buffer.subarray(0, length);
    if (bytes.includes(0)) throw new UnreadableNote(`refusing ${path}: it looks like a binary file (it contains NUL bytes), not a note`);
    return bytes.toString('utf8');
  } catch (e) {
    if (e instanceof UnreadableNote) throw e;
    throw new UnreadableNote(`cannot read ${path}: ${errnoText(e)}`);
  } finally {
    closeSync(fd);
  }
}
