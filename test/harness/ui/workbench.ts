// What a user does in code-server's workbench, through the page: click a file in the Explorer,
// scroll to a line, hover a word, run a palette command, read notifications, tick and read the graph
// panel, reload the window. Only these UI steps are retried (a mouse hover shows about 2 times in 3
// in headless Chromium); assertions never are.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Point { x: number; y: number }
export interface GraphPanelView { title: string; pinned: boolean; nodes: string[]; highlighted: string[] }

const HOVER = '.monaco-hover:not(.hidden)';
const NOTIFICATION = '.notifications-center .notification-list-item-message, .notifications-toasts .notification-list-item-message';

export class Workbench {
  constructor(private readonly page: Page, private readonly artifacts: string) {
    mkdirSync(artifacts, { recursive: true });
  }

  async waitUntilLoaded(): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  }

  /**
   * Developer: Reload Window from the palette, then waits for the new page's workbench. Not
   * page.reload(): that is the browser's own reload, during which VS Code's web workbench cannot wait
   * for its state (open editors, webview states) to reach IndexedDB, so a reload may restore an older
   * state. The command saves the state first, then reloads.
   */
  async reloadWindow(): Promise<void> {
    const loaded = this.page.waitForEvent('load', { timeout: 60_000 });
    await this.runCommand('Developer: Reload Window');
    await loaded.catch(() => { throw new Error('Developer: Reload Window did not reload the page within 60 s'); });
    await this.waitUntilLoaded();
  }

  async openFromExplorer(fileName: string): Promise<void> {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().click();
    await this.page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: 30_000 });
  }

  /**
   * In the open notebook, opens the `index`-th Markdown cell (0-based, among Markdown cells) for
   * editing, as a user does from the keyboard: click the cell, Enter. Its rendered text lives in the
   * notebook's webview, so the cell is found by position. Returns its source line matching `source`.
   */
  async editMarkdownCell(index: number, source: RegExp): Promise<Locator> {
    const line = this.page.locator('.notebook-editor .cell-editor-container .view-line').filter({ hasText: source }).first();
    const cell = this.page.locator('.notebook-editor .markdown-cell-row').nth(index);
    // the row's own content is hidden while the webview draws the rendered Markdown over it: attached, not visible
    await cell.waitFor({ state: 'attached', timeout: 30_000 }).catch(async () => {
      const rows = await this.page.locator('.notebook-editor .monaco-list-row').evaluateAll((rs) => rs.map((r) => r.className));
      throw new Error(`the notebook shows no Markdown cell ${index}; its rows: ${JSON.stringify(rows)}`);
    });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await cell.click({ position: { x: 40, y: 10 }, force: true });
      await this.page.keyboard.press('Enter');
      if (await line.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) return line;
    }
    throw new Error(`click + Enter did not open Markdown cell ${index} for editing (no source line ${source})`);
  }

  /** Moves the cursor to a 1-based line with Go to Line (Ctrl+G) and returns that line, which must match `text`. */
  async goToLine(lineNumber: number, text: RegExp): Promise<Locator> {
    await this.page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+G');
      try {
        await this.page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt >= 3) throw new Error('Go to Line (Ctrl+G) did not open');
      }
    }
    await this.page.keyboard.type(String(lineNumber));
    await this.page.keyboard.press('Enter');
    const line = this.page.locator('.monaco-editor .view-line').filter({ hasText: text }).first();
    await line.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => { throw new Error(`line ${lineNumber} (${text}) did not come into view`); });
    return line;
  }

  /** Screen point over the `index`-th character of `needle` in the line (a DOM Range, so proportional fonts work too). */
  async pointOver(line: Locator, needle: string, index = 1): Promise<Point> {
    // no named inner functions here: tsx would wrap them in a helper that does not exist in the page
    const rect = await line.evaluate((el, [n, i]) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let full = '';
      const nodes: Array<{ node: Text; start: number }> = [];
      for (let t = walker.nextNode(); t; t = walker.nextNode()) { nodes.push({ node: t as Text, start: full.length }); full += (t.textContent ?? '').replace(/\u00a0/g, ' '); }
      const at = full.indexOf(n as string) + (i as number);
      const hit = nodes.filter((x) => x.start <= at).pop();
      if (at < (i as number) || !hit) return null;
      const range = document.createRange();
      range.setStart(hit.node, at - hit.start);
      range.setEnd(hit.node, at - hit.start + 1);
      const r = range.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }, [needle, index] as const);
    if (!rect) throw new Error(`"${needle}" is not on the line`);
    return rect;
  }

  /**
   * Hovers the point with the mouse; if no hover shows, clicks there and asks with Ctrl+K Ctrl+I.
   * The point is measured again before every attempt: lenses and inlay hints arriving from the
   * server move the text. Returns the widget's text.
   */
  async hover(pointNow: () => Promise<Point>, expected: RegExp): Promise<{ text: string; how: 'mouse' | 'keyboard' }> {
    const widget = this.page.locator(HOVER).filter({ hasText: expected }).first();
    let point = await pointNow();
    for (let i = 0; i < 8; i++) {
      await this.page.mouse.move(point.x - 4 + i, point.y, { steps: 3 });
      await this.page.waitForTimeout(60);
    }
    try {
      // generous: the first hover of a session also starts MathJax in the server
      await widget.waitFor({ state: 'visible', timeout: 10_000 });
      return { text: await widget.innerText(), how: 'mouse' };
    } catch { /* fall back to the keyboard */ }
    for (let attempt = 1; attempt <= 5; attempt++) {
      point = await pointNow();
      await this.page.mouse.click(point.x, point.y);
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      try {
        await widget.waitFor({ state: 'visible', timeout: 4_000 });
        return { text: await widget.innerText(), how: 'keyboard' };
      } catch { /* retry */ }
    }
    const shown = await this.page.locator(HOVER).allInnerTexts();
    throw new Error(`no hover matching ${expected} appeared (mouse, then 5 × click + Ctrl+K Ctrl+I); hovers on the page: ${JSON.stringify(shown)}`);
  }

  /** F1, type the command's title, wait until it is the focused row, Enter. One retry if the palette lost the keystrokes. */
  async runCommand(title: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await this.page.keyboard.type(title);
      const row = this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title });
      try {
        await row.waitFor({ timeout: 15_000 });
        await this.page.keyboard.press('Enter');
        return;
      } catch (e) {
        await this.page.keyboard.press('Escape');
        if (attempt >= 2) throw new Error(`the command palette did not offer "${title}"`);
      }
    }
  }

  /**
   * The text of the first notification matching `expected`. With the smoke-test driver on, VS Code
   * shows no toasts: notifications only land in the notification center, which is opened here.
   */
  async notification(expected: RegExp, timeoutMs: number): Promise<string> {
    const message = this.page.locator(NOTIFICATION).filter({ hasText: expected }).first();
    // The notification center can close again (focus moving to the editor when the command ends, a
    // slow machine): keep it open until the message shows, rather than opening it once and waiting.
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await message.isVisible()) return message.innerText();
      if (!(await this.page.locator('.notifications-center.visible').isVisible())) await this.runCommand('Notifications: Show Notifications');
      await this.page.waitForTimeout(500);
    }
    const shown = await this.page.locator(NOTIFICATION).allInnerTexts();
    throw new Error(`no notification matching ${expected} within ${timeoutMs / 1000} s; notifications: ${JSON.stringify(shown)}`);
  }

  /**
   * The graph node with this op in the open webview. A webview is an iframe holding the page's
   * own iframe (`#active-frame`).
   */
  async graphNode(op: string, timeoutMs: number): Promise<Locator> {
    const frame = this.graphPage();
    const node = frame.locator(`g.node[data-op="${op}"]`).first();
    await node.waitFor({ state: 'visible', timeout: timeoutMs }).catch(() => { throw new Error(`no "${op}" node appeared in the graph panel within ${timeoutMs / 1000} s`); });
    return node;
  }

  /** Ticks (or clears) the graph panel's Pin checkbox; playwright clicks until the box shows the new state. */
  async setGraphPinned(pinned: boolean): Promise<void> {
    await this.graphPage().locator('input[data-action="pin"]').setChecked(pinned, { timeout: 10_000 });
  }

  /** Ticks (or clears) the graph panel's Extended graph checkbox. */
  async setGraphExtended(extended: boolean): Promise<void> {
    await this.graphPage().locator('input[data-action="extended"]').setChecked(extended, { timeout: 10_000 });
  }

  /** How many nodes the graph panel draws of each kind (input, op, adjoint, …). */
  async graphNodeKinds(): Promise<Record<string, number>> {
    return this.graphPage().locator('body').evaluate((body) => {
      const kinds: Record<string, number> = {};
      for (const g of Array.from(body.querySelectorAll('g.node'))) {
        const kind = Array.from(g.classList).find((c) => c.startsWith('kind-'))?.slice(5) ?? '?';
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
      return kinds;
    }, undefined, { timeout: 1_000 });
  }

  /**
   * What the graph panel shows now, or null while there is no graph page in the workbench: its header
   * title, whether Pin is ticked, the ops of its nodes and of the highlighted ones. One snapshot of the
   * page (the page sets title, Pin and nodes together when a graph arrives); never waits long: callers poll it.
   */
  async graphPanel(): Promise<GraphPanelView | null> {
    if (await this.page.locator('iframe.webview.ready').count() === 0) return null;
    return this.graphPage().locator('body').evaluate((body) => {
      const title = body.querySelector('header.toolbar .title');
      if (!title) return null;
      return {
        title: title.textContent ?? '',
        pinned: body.querySelector<HTMLInputElement>('input[data-action="pin"]')?.checked === true,
        nodes: Array.from(body.querySelectorAll('g.node'), (g) => g.getAttribute('data-op') ?? ''),
        highlighted: Array.from(body.querySelectorAll('g.node.highlighted'), (g) => g.getAttribute('data-op') ?? ''),
      };
    }, undefined, { timeout: 1_000 });
  }

  /** The titles of the open editor tabs (the graph panel's is "Graph: <block>"). */
  async tabTitles(): Promise<string[]> {
    return this.page.locator('.tabs-container .tab .label-name').allInnerTexts();
  }

  private graphPage(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** Errors and warnings in the status bar's Problems item (all open documents). */
  async problemCounts(): Promise<{ errors: number; warnings: number; label: string }> {
    const label = (await this.page.locator('[id="status.problems"] a, [id="status.problems"]').first().getAttribute('aria-label')) ?? '';
    const count = (what: RegExp) => Number(what.exec(label)?.[1] ?? (/no problems/i.test(label) ? 0 : NaN));
    return { errors: count(/(\d+)\s+errors?/i), warnings: count(/(\d+)\s+warnings?/i), label };
  }

  /** The status bar's cursor item, e.g. "Ln 69, Col 13 (8 selected)". */
  async statusBarSelection(): Promise<string> {
    return this.page.locator('[id="status.editor.selection"]').innerText();
  }

  async codeLensTexts(): Promise<string[]> {
    return this.page.locator('.monaco-editor .codelens-decoration a').allInnerTexts();
  }

  async screenshot(name: string): Promise<string> {
    const file = join(this.artifacts, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
