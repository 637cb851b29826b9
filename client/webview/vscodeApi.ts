// The object VS Code injects into webviews (acquireVsCodeApi may be called once per page load).
export interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi<unknown>;
}

export function vscodeApi<State>(): VsCodeApi<State> {
  return acquireVsCodeApi() as VsCodeApi<State>;
}
