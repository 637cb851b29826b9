// A temporary folder per run (code-server profile, XDG dirs, browser profile, a copy of the
// workspace fixture), removed when the process ends however it ends. Logs worth keeping are
// copied to test-artifacts/ first.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { atExit } from './atExit';

/** The nearest folder above this module holding package.json: the repo, whether this file runs from
 *  test/harness/vscode (tsx) or bundled into dist/ (the activation benchmark). */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const REPO_ROOT = findRepoRoot(__dirname);
/** Our lecture-shaped note (test/fixtures), copied into every run's workspace under this name. */
export const LECTURE_NOTE = 'autodiff-lecture.md';
export const LECTURE_FIXTURE = join(REPO_ROOT, 'test', 'fixtures', LECTURE_NOTE);
export const WORKSPACE_FIXTURE = join(REPO_ROOT, 'test', 'vscode', 'workspace');
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

export interface RunDir { path: string; workspace: string; keep(file: string, artifactSubdir: string): void }

export function makeRunDir(prefix: string): RunDir {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const workspace = join(path, 'workspace');
  // a copy, so that nothing a test does (settings, pinned values) lands in the fixture
  cpSync(WORKSPACE_FIXTURE, workspace, { recursive: true });
  cpSync(LECTURE_FIXTURE, join(workspace, LECTURE_NOTE));
  atExit(() => rmSync(path, { recursive: true, force: true, maxRetries: 3 }));
  return {
    path, workspace,
    keep(file, artifactSubdir) {
      if (!existsSync(file)) return;
      const dir = join(ARTIFACTS, artifactSubdir);
      mkdirSync(dir, { recursive: true });
      cpSync(file, join(dir, basename(file)));
    },
  };
}

export function elapsed(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}
