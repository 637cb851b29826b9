// Headless Debian Chromium through playwright-core, with a throw-away profile and no network chatter.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { onInterrupt } from './atExit';

export const CHROMIUM = process.env.ADJOINT_CHROMIUM ?? '/usr/bin/chromium';

export interface Browser { context: BrowserContext; page: Page; close(): Promise<void> }

export async function openBrowser(runDir: string, viewport = { width: 1400, height: 900 }): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or point ADJOINT_CHROMIUM at one`);
  const profile = join(runDir, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  let closing: Promise<void> | undefined;
  // every caller waits for the same close (a time-out, Ctrl+C and the normal path may all close)
  const close = () => (closing ??= context.close().catch(() => undefined));
  onInterrupt(close);
  return { context, page, close };
}

/** Log lines from the workbench and the extension host that are noise offline (marketplace, accounts, start-up timings, service worker). */
export const OFFLINE_NOISE = new RegExp([
  'open-vsx', 'ERR_NAME_NOT_RESOLVED', 'ENOTFOUND', 'Creating a socket', 'connection token', 'AccountPolicyGate', 'AgentHost',
  'Service Worker', 'builtin extensions cache', 'grace-time', 'Creation of workbench contribution', 'authentication provider',
  'DefaultAccount', '^Canceled', 'getSessions',
].join('|'));
