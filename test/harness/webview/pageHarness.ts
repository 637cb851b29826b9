// Loads a webview page (graph or trace) in a real headless Chromium exactly as the panel classes build it:
// the same HTML template, CSP and bundles, served from a fake webview origin by request routing (nothing
// touches the network). A fake acquireVsCodeApi records the posted messages and the saved state.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeNonce, renderPageHtml } from '../../../client/webview/html';

const ROOT = path.resolve(__dirname, '../../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const BUNDLE_DIR = path.join(ARTIFACTS, 'webview-dist');
const ORIGIN = 'https://webview.test';

export type PageName = 'graph' | 'trace';

/** Bundles the pages with the options of scripts/build.mjs and copies their stylesheets. */
export async function buildPages(): Promise<void> {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  for (const name of ['graph', 'trace']) {
    await build({
      entryPoints: [path.join(ROOT, `client/webview/${name}.ts`)],
      outfile: path.join(BUNDLE_DIR, `${name}.js`),
      bundle: true, platform: 'browser', format: 'iife', target: 'es2020', logLevel: 'warning',
    });
  }
  const sources = path.join(ROOT, 'client/webview');
  for (const css of readdirSync(sources).filter((f) => f.endsWith('.css'))) copyFileSync(path.join(sources, css), path.join(BUNDLE_DIR, css));
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export interface LoadedPage {
  page: Page;
  nonce: string;
  html: string;
  /** Requests that left the fake webview origin (must stay empty: the page is fully offline). */
  foreignRequests: string[];
  consoleErrors: string[];
}

export async function openPage(browser: Browser, name: PageName, options: { bodyClass?: string; state?: unknown; width?: number; height?: number } = {}): Promise<LoadedPage> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1200, height: options.height ?? 700 } });
  const page = await context.newPage();
  const nonce = makeNonce();
  const html = renderPageHtml({
    title: name, cspSource: ORIGIN, nonce,
    scriptUri: `${ORIGIN}/${name}.js`,
    styleUris: [`${ORIGIN}/common.css`, `${ORIGIN}/${name}.css`],
  });
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  // WEBVIEW_DEBUG=1 echoes the page's console, for debugging a page that does not come up.
  if (process.env.WEBVIEW_DEBUG) page.on('console', (m) => console.log('[page]', m.type(), m.text()));
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) { foreignRequests.push(url.href); return route.abort(); }
    if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
    const file = path.join(BUNDLE_DIR, path.basename(url.pathname));
    const type = file.endsWith('.css') ? 'text/css' : 'text/javascript';
    try { return await route.fulfill({ contentType: type, body: readFileSync(file) }); } catch { return route.fulfill({ status: 404 }); }
  });
  // VS Code sets the theme class on <body> and injects acquireVsCodeApi before the page's scripts run.
  // A string, not a function: tsx would otherwise wrap the function's locals in helpers the page lacks.
  await page.addInitScript(`
    window.__posted = [];
    window.__state = ${JSON.stringify(options.state ?? null)} ?? undefined;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => { window.__posted.push(JSON.parse(JSON.stringify(m))); },
      getState: () => window.__state,
      setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
    });
    document.addEventListener('DOMContentLoaded', () => document.body.classList.add(${JSON.stringify(options.bodyClass ?? 'vscode-dark')}));
  `);
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
  return { page, nonce, html, foreignRequests, consoleErrors };
}

/**
 * Delivers a message to the page the way VS Code does (a window message event) and returns once the page
 * has handled it: a second marker message is dispatched after the first, in order.
 */
export async function sendToPage(page: Page, message: unknown): Promise<void> {
  await page.evaluate(`new Promise((resolve) => {
    const token = Math.random();
    const onMessage = (event) => {
      if (event.data && event.data.__handled === token) { window.removeEventListener('message', onMessage); resolve(); }
    };
    window.addEventListener('message', onMessage);
    window.postMessage(${JSON.stringify(message)}, '*');
    window.postMessage({ __handled: token }, '*');
  })`);
}

export async function postedMessages<T = { type: string }>(page: Page): Promise<T[]> {
  return page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted) as Promise<T[]>;
}

export async function savedState<T>(page: Page): Promise<T> {
  return page.evaluate(() => (window as unknown as { __state: unknown }).__state) as Promise<T>;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
