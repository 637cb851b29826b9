// Cleanups that must run however the process ends (normal end, uncaught error, Ctrl+C, kill):
// run last-registered first, each guarded, so that a failing one (a folder still being written)
// never keeps the others (killing code-server) from running.
const cleanups: Array<() => void> = [];
let installed = false;

export function atExit(cleanup: () => void): void {
  cleanups.push(cleanup);
  if (installed) return;
  installed = true;
  process.once('exit', runCleanups);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));
}

function runCleanups(): void {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    try { cleanup(); } catch { /* best effort: the next cleanup still runs */ }
  }
}
