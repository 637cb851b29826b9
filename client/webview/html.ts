// The HTML shell of both webview pages. Shared by the panel classes and the browser tests, so the tests
// load exactly the document VS Code shows. Every interpolated value is escaped; the document's own
// text (labels, formulas) never goes through here: the page scripts set it with textContent.

export interface PageShell {
  title: string;
  /** webview.cspSource: the only origin styles and images may come from. */
  cspSource: string;
  /** A fresh random nonce per render: the only way a script may run. */
  nonce: string;
  scriptUri: string;
  styleUris: string[];
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function renderPageHtml(shell: PageShell): string {
  const styles = shell.styleUris.map((uri) => `  <link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(shell.cspSource, shell.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeAttribute(shell.title)}</title>
${styles}
</head>
<body>
  <div id="app"></div>
  <script nonce="${escapeAttribute(shell.nonce)}" src="${escapeAttribute(shell.scriptUri)}"></script>
</body>
</html>
`;
}

/** 32 random characters from [A-Za-z0-9] (Web Crypto, present in Node 20 and in browsers). */
export function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
