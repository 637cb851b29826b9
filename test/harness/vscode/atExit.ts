// Cleanups that must run however the process ends (normal end, uncaught error, Ctrl+C, kill).
// - atExit: synchronous, at process exit, last-registered first, each guarded, so that a failing
//   one (a folder still being written) never keeps the others (killing code-server) from running.
// - onInterrupt: asynchronous stops (close the browser, wait for code-server to die) awaited on
//   Ctrl+C / SIGTERM before exiting, so that nothing is left writing into the temporary folder
//   when the exit cleanups remove it.
const cleanups: Array<() => void> = [];
const stops: Array<() => Promise<unknown>> = [];
let installed = false;
const INTERRUPT_GRACE_MS = 8_000;

export function atExit(cleanup: () => void): void {
  install();
  cleanups.push(cleanup);
}

export function onInterrupt(stop: () => Promise<unknown>): void {
  install();
  stops.push(stop);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', runCleanups);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      const grace = new Promise((r) => setTimeout(r, INTERRUPT_GRACE_MS));
      void Promise.race([Promise.allSettled(stops.map((stop) => stop())), grace]).finally(() => process.exit(130));
    });
  }
}

function runCleanups(): void {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    try { cleanup(); } catch { /* best effort: the next cleanup still runs */ }
  }
}
