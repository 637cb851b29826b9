// Every handler answers: an exception is logged and the client gets an empty answer.
export type Logger = (message: string) => void;

export function safely<P extends unknown[], R>(log: Logger, name: string, empty: R, handler: (...args: P) => R | Promise<R>) {
  return async (...args: P): Promise<R> => {
    try {
      return await handler(...args);
    } catch (e) {
      log(`adjoint: ${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return empty;
    }
  };
}
