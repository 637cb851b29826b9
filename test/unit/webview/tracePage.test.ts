// The evaluation trace page in a real headless Chromium.
import { strict as assert } from 'node:assert';
import type { Browser, Page } from 'playwright-core';
import { buildPages, launchBrowser, openPage, postedMessages, savedState, screenshot, sendToPage, type LoadedPage } from '../../harness/webview/pageHarness';
import { fmt, ID, lecture, lectureTrace, rangeOf } from './fixtures/lectureGraph';

describe('trace page (headless Chromium)', function () {
  this.timeout(60000);
  let browser: Browser;
  let loaded: LoadedPage;
  let page: Page;

  before(async () => {
    await buildPages();
    browser = await launchBrowser();
  });
  after(async () => { await browser?.close(); });
  beforeEach(async () => {
    loaded = await openPage(browser, 'trace', { width: 900, height: 420 });
    page = loaded.page;
  });
  afterEach(async () => {
    assert.deepEqual(loaded.foreignRequests, []);
    assert.deepEqual(loaded.consoleErrors, []);
    await page.context().close();
  });

  const rows = (): Promise<string[][]> => page.locator('.trace-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));

  it('shows the lecture tables: node, definition, value, tangent and adjoint', async () => {
    await sendToPage(page, { type: 'trace', data: lectureTrace('x_1') });
    const table = await rows();
    assert.equal(table.length, 7);
    assert.deepEqual(table[2], ['v₁', 'ln(v₋₁)', fmt(Math.log(2)), fmt(1 / 2), fmt(1)]);
    assert.deepEqual(table[6], ['y', 'v₃ − v₄', fmt(Math.log(2) + 10 - Math.sin(5)), fmt(5.5), fmt(1)]);
    // Forward mode's ẏ for ẋ₁ = 1 equals reverse mode's x̄₁: the same derivative both ways.
    assert.equal(table[6][3], table[0][4]);
    assert.deepEqual(await page.locator('.trace-table th').allTextContents(),
      ['node', 'definition', 'value', 'tangent v̇ (∂/∂x_1)', 'adjoint v̄']);
    assert.equal(await page.locator('.passes').textContent(),
      'Forward mode needs 2 passes (one per scalar input); reverse mode needs 1 pass for the whole gradient.');
    assert.deepEqual(await savedState(page), { ref: { uri: 'file:///notes/lecture-04-autodiff.md', blockIndex: 3, pinned: false } });
    await screenshot(page, 'trace-lecture-x1');
  });

  it('labels the tangent column of a vector input as a directional derivative (issue 14)', async () => {
    await sendToPage(page, { type: 'trace', data: { ...lectureTrace('x_1'), inputs: ['h'], tangentInput: 'h', tangentDirectional: true } });
    const heads = await page.locator('.trace-table th').allTextContents();
    assert.equal(heads[3], 'tangent v̇ (along h, direction 𝟙)');
  });

  it('at half a window\'s width (440 px) every column, the adjoint v̄ last, is within the page (issue 14)', async () => {
    await page.setViewportSize({ width: 440, height: 420 });
    await sendToPage(page, { type: 'trace', data: lectureTrace('x_1') });
    const right = await page.locator('.trace-table th').last().evaluate((th) => th.getBoundingClientRect().right);
    assert.ok(right <= 440, `the adjoint column ends at ${right} px`);
    const cells = await page.locator('.trace-table td.adjoint').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().right));
    assert.ok(cells.length === 7 && cells.every((r) => r <= 440), JSON.stringify(cells));
    await screenshot(page, 'trace-lecture-440');
  });

  it('choosing another tangent input posts it; the new trace shows the other column', async () => {
    await sendToPage(page, { type: 'trace', data: lectureTrace('x_1') });
    assert.equal(await page.locator('[data-action="tangent-input"]').inputValue(), 'x_1');
    await page.locator('[data-action="tangent-input"]').selectOption('x_2');
    const posted = (await postedMessages<{ type: string; name?: string }>(page)).filter((m) => m.type === 'tangentInput');
    assert.deepEqual(posted, [{ type: 'tangentInput', name: 'x_2' }]);
    await sendToPage(page, { type: 'trace', data: lectureTrace('x_2') });
    const table = await rows();
    assert.equal(table[6][3], fmt(lecture.tangents.x2.y));
    assert.equal(table[6][3], fmt(2 - Math.cos(5)));
    assert.equal(table[5][3], fmt(Math.cos(5)));   // v₄ = sin(v₀)
    await screenshot(page, 'trace-lecture-x2');
  });

  it('clicking a row posts a reveal of its source range', async () => {
    await sendToPage(page, { type: 'trace', data: lectureTrace('x_1') });
    await page.locator(`.trace-table tr[data-node-id="${ID.v3}"]`).click();
    const reveals = (await postedMessages<{ type: string }>(page)).filter((m) => m.type === 'reveal');
    assert.deepEqual(reveals, [{ type: 'reveal', range: rangeOf('v3') }]);
  });

  it('the block deleted: its tables go, the message stays, the state remembers it', async () => {
    await sendToPage(page, { type: 'trace', data: lectureTrace('x_1') });
    const deleted = 'The block this panel showed was deleted. Move the cursor into a block with math.';
    await sendToPage(page, { type: 'blockDeleted', message: deleted });
    assert.equal(await page.locator('.message').textContent(), deleted);
    assert.equal(await page.locator('.trace-table tr').count(), 0);
    assert.equal(await page.locator('.passes').textContent(), '');
    assert.equal(await page.locator('select[data-action="tangent-input"] option').count(), 0);
    assert.deepEqual(await savedState(page), { ref: { uri: 'file:///notes/lecture-04-autodiff.md', blockIndex: 3, pinned: false, blockDeleted: true } });
  });

  it('keeps hostile text as text and shows the server message for a block without a trace', async () => {
    const hostile = '<img src=x onerror="window.pwned=1">';
    const data = { ...lectureTrace('x_1'), rows: [{ ...lectureTrace('x_1').rows[0], definition: hostile }] };
    await sendToPage(page, { type: 'trace', data });
    assert.equal(await page.locator('.trace-table tbody td.definition').textContent(), hostile);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
    await sendToPage(page, { type: 'trace', data: { ...data, rows: [], status: 'not-evaluable', message: 'Nothing to evaluate: \\lim is not supported.' } });
    assert.equal(await page.locator('.message').textContent(), 'Nothing to evaluate: \\lim is not supported.');
    assert.equal(await page.locator('.trace-table tr').count(), 0);
  });
});
