// The URL that opens code-server's workbench on a folder with an extension under development
// (and, for the in-host suite, a tests module). VS Code reads these from the `payload` query.
import type { CodeServer } from './codeServer';

export interface DevelopmentPayload {
  extensionDevelopmentPath: string;   // absolute path on the code-server machine
  extensionTestsPath?: string;        // absolute module path without `.js`
  extensionEnv?: Record<string, string>;
}

export function workbenchUrl(server: CodeServer, folder: string, payload: DevelopmentPayload): string {
  // The remote authority must be the page's own host:port; any other name is silently ignored.
  const remote = (path: string) => `vscode-remote://${server.authority}${path}`;
  const entries: Array<[string, string]> = [['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)], ['skipWelcome', 'true']];
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  if (payload.extensionEnv) entries.push(['extensionEnvironment', JSON.stringify(payload.extensionEnv)]);
  return `${server.url}?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
}
