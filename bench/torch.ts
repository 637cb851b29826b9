// PyTorch (float64, python3-torch) as a peer in the same `npm run bench` run: bench/torch-peer.py
// runs one task in a child process and answers in JSON. Optional: where /usr/bin/python3 or its torch
// is missing, the peer's rows say "skipped" and the notes say why.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Debian's python3 with python3-torch; the `python3` on PATH may be another one without torch.
const PYTHON = '/usr/bin/python3';
// From dist/bench.js and from bench/torch.ts alike, the script is in <repo>/bench.
const SCRIPT = join(__dirname, '..', 'bench', 'torch-peer.py');
const TIMEOUT_MS = 600_000;

export type TorchAnswer<T> = { ok: true; result: T; about: string } | { ok: false; why: string };

/** Runs `task` (kind + parameters, see torch-peer.py) in PyTorch on `threads` threads (default 1). */
export function torchPeer<T>(task: { kind: string; threads?: number } & Record<string, unknown>): TorchAnswer<T> {
  if (!existsSync(PYTHON)) return { ok: false, why: `${PYTHON} is missing` };
  const run = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(task), encoding: 'utf8', timeout: TIMEOUT_MS });
  if (run.error) return { ok: false, why: `${PYTHON} could not run: ${run.error.message}` };
  let answer: { result?: T; error?: string; blas?: string; threads?: number; torch?: string };
  try {
    answer = JSON.parse(run.stdout.trim().split('\n').pop() ?? '');
  } catch {
    return { ok: false, why: `torch-peer.py exited with ${run.status}: ${run.stderr.trim().split('\n').pop() ?? ''}` };
  }
  if (answer.error !== undefined || answer.result === undefined) return { ok: false, why: answer.error ?? 'no result' };
  const threads = answer.threads === 1 ? '1 thread' : `${answer.threads} threads`;
  return { ok: true, result: answer.result, about: `PyTorch ${answer.torch} float64, ${threads}, BLAS: ${answer.blas}` };
}

/** The note under a table about the PyTorch column: what ran, or why it was skipped. */
export function torchNote(answer: TorchAnswer<unknown>): string {
  return answer.ok ? `PyTorch column: ${answer.about}, same machine, same run.` : `PyTorch column skipped: ${answer.why}.`;
}
