// The webview options and HTML of a page: scripts and styles only from dist/webview, a fresh nonce per render.
import * as vscode from 'vscode';
import { makeNonce, renderPageHtml } from '../webview/html';

export type PageName = 'graph' | 'trace';

export function webviewRoot(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
}

export function webviewOptions(context: vscode.ExtensionContext): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(context)] };
}

export function pageHtml(webview: vscode.Webview, context: vscode.ExtensionContext, page: PageName, title: string): string {
  const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot(context), file)).toString();
  return renderPageHtml({
    title,
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    scriptUri: asset(`${page}.js`),
    styleUris: [asset('common.css'), asset(`${page}.css`)],
  });
}
