// Remembers a block that took the whole server down (out of memory, a native crash), so the restarted
// server skips it instead of dying on it again: without this, the client restarts the server, reopens
// the note, and the same block kills it every time until the client gives up for good.
//
// Each server process writes the block it is evaluating to its own file (running-<pid>.json) before
// it starts and empties the file when it is done; synchronous writes, so they are on disk before any
// crash. A later server finds the file of a process that no longer runs with a block still in it: that
// block crashed it. Blocks are known by a hash of their text and annotation, so editing one runs it again.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BlockWatch } from '../analysis';
import { shortText } from '../analysis/short-text';
import type { MathBlock } from '../scan/blocks';

interface Running {
  key: string;
  uri: string;
  /** 1-based line where the block starts. */
  line: number;
  /** The block's start, for the message. */
  excerpt: string;
}

/** A block that crashed a server: kept a week, at most this many. */
const KEEP_MS = 7 * 24 * 3600 * 1000;
const KEEP_COUNT = 20;
interface Skipped extends Running { crashedAt: number }

/**
 * Test hook (stdio tests only): a block whose text contains this string kills the server process as the
 * kernel's out-of-memory killer would. Nothing real can be relied on to crash a hardened server on demand.
 */
const KILL_MARKER = process.env.ADJOINT_TEST_KILL_ON_BLOCK;

export class CrashJournal implements BlockWatch {
  private dir: string | undefined;
  private skipped: Skipped[] = [];
  private ownFile = '';
  /** The own file, kept open: a write through it costs ~15 µs, a writeFileSync ~100 µs. */
  private fd: number | undefined;

  /**
   * Starts journaling for the folders this server serves (one directory per set of workspace folders,
   * under the system temp directory). Returns the blocks found to have crashed a previous server.
   */
  open(workspaceUris: readonly string[], log: (message: string) => void): Skipped[] {
    const id = createHash('sha256').update(workspaceUris.join('\n')).digest('hex').slice(0, 16);
    const user = typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username;
    this.dir = path.join(os.tmpdir(), `adjoint-${user}`, id);
    this.ownFile = path.join(this.dir, `running-${process.pid}.json`);
    const found: Skipped[] = [];
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.skipped = readJson<Skipped[]>(this.skippedFile()) ?? [];
      for (const name of fs.readdirSync(this.dir)) {
        const pid = /^running-(\d+)\.json$/.exec(name)?.[1];
        if (!pid || Number(pid) === process.pid || alive(Number(pid))) continue;
        const file = path.join(this.dir, name);
        const running = readJson<Running>(file);
        fs.rmSync(file, { force: true });
        if (running) found.push({ ...running, crashedAt: Date.now() });
      }
      const now = Date.now();
      const fresh = (s: Skipped) => now - s.crashedAt < KEEP_MS && !found.some((f) => f.key === s.key);
      this.skipped = [...found, ...this.skipped.filter(fresh)].slice(0, KEEP_COUNT);
      fs.writeFileSync(this.skippedFile(), JSON.stringify(this.skipped));
      this.fd = fs.openSync(this.ownFile, 'w', 0o600);
    } catch (e) {
      // A journal that cannot be written must not cost the user the server: run without one.
      log(`adjoint: crash journal disabled (${e instanceof Error ? e.message : String(e)})`);
    }
    return found;
  }

  skipReason(key: string): string | null {
    const crashed = this.skipped.find((s) => s.key === key);
    if (!crashed) return null;
    return 'not evaluated: analysing this block stopped the language server last time, so it is skipped; edit the block to analyse it again';
  }

  begin(key: string, uri: string, block: MathBlock, line: number): void {
    if (this.fd !== undefined) {
      const running: Running = { key, uri, line, excerpt: shortText(block.text.trim().replace(/\s+/g, ' '), 60) };
      const bytes = Buffer.from(JSON.stringify(running));
      this.guard(() => { fs.ftruncateSync(this.fd!, 0); fs.writeSync(this.fd!, bytes, 0, bytes.length, 0); });
    }
    if (KILL_MARKER && block.text.includes(KILL_MARKER)) process.kill(process.pid, 'SIGKILL');
  }

  end(): void {
    if (this.fd !== undefined) this.guard(() => fs.ftruncateSync(this.fd!, 0));
  }

  /** The server exits normally: nothing was left running. */
  close(): void {
    if (this.fd === undefined) return;
    this.guard(() => fs.closeSync(this.fd!));
    this.fd = undefined;
    fs.rmSync(this.ownFile, { force: true });
  }

  /** A failed write (disk full, folder removed) turns the journal off; the server carries on. */
  private guard(write: () => void): void {
    try {
      write();
    } catch {
      this.fd = undefined;
    }
  }

  private skippedFile(): string {
    return path.join(this.dir!, 'skipped.json');
  }
}

/** What the user is told when the restarted server skips a block. */
export function crashMessage(s: Skipped): string {
  const file = decodeURIComponent(s.uri.replace(/^.*\//, ''));
  return `Adjoint: the language server stopped while analysing the block at line ${s.line} of ${file} (${s.excerpt}); that block is skipped until you edit it.`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readJson<T>(file: string): T | null {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text ? JSON.parse(text) as T : null;
  } catch {
    return null;
  }
}
