// The graph page in a real headless Chromium, loaded from the same HTML template and bundle the panel uses.
import { strict as assert } from 'node:assert';
import type { Browser, Page } from 'playwright-core';
import type { GraphData } from '../../../server/protocol';
import { buildPages, launchBrowser, openPage, postedMessages, savedState, screenshot, sendToPage, type LoadedPage } from '../../harness/webview/pageHarness';
import { fmt, GRAD, ID, largeGraph, lecture, lectureGraph, rangeOf } from './fixtures/lectureGraph';

const HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">';

describe('graph page (headless Chromium)', function () {
  this.timeout(60000);
  let browser: Browser;
  let loaded: LoadedPage;
  let page: Page;

  before(async () => {
    await buildPages();
    browser = await launchBrowser();
  });
  after(async () => { await browser?.close(); });

  async function showGraph(data: GraphData, options: Parameters<typeof openPage>[2] = {}): Promise<void> {
    loaded = await openPage(browser, 'graph', options);
    page = loaded.page;
    await sendToPage(page, { type: 'graph', data, pinned: false });
    await page.waitForSelector('.node');
  }
  const nodeText = (id: number): Promise<string> => page.locator(`.node[data-node-id="${id}"]`).evaluate((n) => n.textContent ?? '');

  afterEach(async () => {
    assert.deepEqual(loaded.foreignRequests, [], 'the page requested nothing outside the webview origin');
    assert.deepEqual(loaded.consoleErrors, [], 'no script errors or CSP violations');
    await page.context().close();
  });

  it('draws the lecture example: every node with its value and adjoint, every edge with its partial adjoint', async () => {
    await showGraph(lectureGraph());
    assert.equal(await page.locator('.node').count(), 7);
    assert.equal(await page.locator('.edge').count(), 8);
    assert.match(await nodeText(ID.x1), /x_1/);
    assert.match(await nodeText(ID.x1), new RegExp(fmt(lecture.values.x1)));
    assert.match(await nodeText(ID.v1), /\\ln\(x_1\)/);
    assert.match(await nodeText(ID.v1), new RegExp(fmt(Math.log(2)).replace('.', '\\.')));
    assert.match(await nodeText(ID.y), new RegExp(fmt(Math.log(2) + 10 - Math.sin(5)).replace('.', '\\.')));
    // x₁ reaches y by two pathways (through ln and through the product): its adjoint cell shows the sum.
    assert.ok((await nodeText(ID.x1)).includes(`${fmt(1 / 2)} + ${fmt(5)} = ${fmt(5.5)}`), await nodeText(ID.x1));
    assert.ok((await nodeText(ID.x2)).includes(`= ${fmt(2 - Math.cos(5))}`), await nodeText(ID.x2));
    const edgeLabel = (from: number, to: number): Promise<string> =>
      page.locator(`.edge[data-from="${from}"][data-to="${to}"] .edge-label`).textContent() as Promise<string>;
    assert.equal(await edgeLabel(ID.x1, ID.v1), fmt(0.5));
    assert.equal(await edgeLabel(ID.x2, ID.v3), fmt(-Math.cos(5)));
    assert.equal(await edgeLabel(ID.v3, ID.y), '−1');
    assert.equal(await edgeLabel(ID.x2, ID.v2), '2');
    // Laid out left to right: inputs before the output.
    const x = async (id: number): Promise<number> => (await page.locator(`.node[data-node-id="${id}"]`).boundingBox())!.x;
    assert.ok((await x(ID.x1)) < (await x(ID.v1)) && (await x(ID.v4)) < (await x(ID.y)));
    await screenshot(page, 'graph-lecture-dark');
  });

  it('says "sampled" on every node whose value rests on sampled inputs, and nowhere else (issue 14)', async () => {
    await showGraph(lectureGraph({ x2: { sampled: true }, v2: { sampled: true }, v3: { sampled: true }, v4: { sampled: true }, y: { sampled: true } }));
    const marked = await page.locator('.node').evaluateAll((ns) => ns.filter((n) => /· sampled/.test(n.querySelector('.node-subtitle')?.textContent ?? '')).map((n) => n.getAttribute('data-node-id')));
    assert.deepEqual(marked.sort(), [ID.x2, ID.v2, ID.v3, ID.v4, ID.y].map(String).sort());
    assert.match(await page.locator(`.node[data-node-id="${ID.x2}"] > title`).textContent() ?? '', /\nvalue [^\n]+ \(sampled\)\n/);
    assert.doesNotMatch(await page.locator(`.node[data-node-id="${ID.x1}"] > title`).textContent() ?? '', /sampled/);
  });

  it('clicking a node posts a reveal message with its source range', async () => {
    await showGraph(lectureGraph());
    await page.locator(`.node[data-node-id="${ID.v2}"] .node-frame`).click();
    const reveals = (await postedMessages<{ type: string; range?: unknown }>(page)).filter((m) => m.type === 'reveal');
    assert.deepEqual(reveals, [{ type: 'reveal', range: rangeOf('v2') }]);
  });

  it('a highlight message from the editor marks the node under the cursor', async () => {
    await showGraph(lectureGraph());
    await sendToPage(page, { type: 'highlight', nodeId: ID.v3 });
    assert.deepEqual(await page.locator('.node.highlighted').evaluateAll((ns) => ns.map((n) => n.getAttribute('data-node-id'))), [String(ID.v3)]);
    await sendToPage(page, { type: 'highlight', nodeId: null });
    assert.equal(await page.locator('.node.highlighted').count(), 0);
  });

  it('steps through the reverse pass: the node processed and the node_to_grad table', async () => {
    await showGraph(lectureGraph());
    const forward = page.locator('[data-action="step-forward"]');
    assert.equal(await page.locator('.step-counter').textContent(), 'step 0 / 7');
    for (let i = 0; i < 4; i++) await forward.click();   // y, v4, v3, v2
    assert.equal(await page.locator('.node.step-current').getAttribute('data-node-id'), String(ID.v2));
    assert.equal(await page.locator('.node.step-done').count(), 3);
    // The partial adjoints computed at this step are those on the edges into x₁x₂.
    const active = await page.locator('.edge.step-active').evaluateAll((es) => es.map((e) => `${e.getAttribute('data-from')}→${e.getAttribute('data-to')}`).sort());
    assert.deepEqual(active, [`${ID.x1}→${ID.v2}`, `${ID.x2}→${ID.v2}`]);
    const rows = await page.locator('.node-to-grad-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    // After v₂ = x₁x₂: x₁ has received v̄₂·x₂ and x₂ has received −cos(5) (from sin) and v̄₂·x₁.
    assert.deepEqual(rows, [
      ['y', '1'], ['ln(x₁) + x₁ x₂', '1'], ['sin(x₂)', '−1'], ['ln(x₁)', '1'], ['x₁ x₂', '1'],
      ['x₂', `${fmt(-Math.cos(5))}, ${fmt(2)}`], ['x₁', fmt(5)],
    ]);
    assert.match(await page.locator('.step-caption').textContent() ?? '', /Processing x₁ x₂: v̄ = 1/);
    await screenshot(page, 'graph-lecture-step4');
    await page.locator('[data-action="step-back"]').click();
    assert.equal(await page.locator('.node.step-current').getAttribute('data-node-id'), String(ID.v3));
    await forward.click(); await forward.click(); await forward.click(); await forward.click();
    assert.equal(await page.locator('.step-counter').textContent(), 'step 7 / 7');
    assert.equal(await forward.isDisabled(), true);
    const x1Row = await page.locator(`.node-to-grad-table tr[data-node-id="${ID.x1}"] td`).nth(1).textContent();
    assert.equal(x1Row, `${fmt(5)}, ${fmt(0.5)}`);
  });

  it('the extended graph draws the gradient graph, with edges from forward nodes into adjoint nodes (issue 14)', async () => {
    await showGraph(lectureGraph());
    assert.equal(await page.locator('.node.kind-adjoint').count(), 0);
    await page.locator('[data-action="extended"]').check();
    assert.equal(await page.locator('.node.kind-adjoint').count(), 11);
    assert.equal(await page.locator('.edge-adjoint').count(), 12);
    assert.equal(await page.locator('.edge-reads').count(), 4);
    // The lecture's names, as in the trace: v̄₋₁ is x₁'s adjoint, ȳ · v₀ is v̄₂ times x₂.
    assert.match(await nodeText(GRAD.x1), new RegExp(`v̄₋₁.*${fmt(5.5).replace('.', '\\.')}`));
    assert.match(await nodeText(GRAD.v2ToX1), /ȳ · v₀mul/);
    assert.match(await nodeText(ID.v1), /ln\(x₁\)v₁ · log/);
    // The rule of x₁x₂ reads x₂: an edge from the forward node into the adjoint node, drawn faint with its arrow.
    const fromX2 = page.locator(`.edge-reads[data-from="${ID.x2}"][data-to="${GRAD.v2ToX1}"] path`);
    assert.equal(await fromX2.count(), 1);
    assert.ok((await fromX2.boundingBox())!.height > 0, 'the edge is drawn');
    assert.equal(await fromX2.getAttribute('marker-end'), 'url(#arrow-reads)');
    // The gradient graph is a band under the forward graph, laid out against the arrows as the reverse pass
    // runs: v̄ of an input left of ȳ.
    const box = async (id: number) => (await page.locator(`.node[data-node-id="${id}"]`).boundingBox())!;
    assert.ok((await box(GRAD.x2)).x < (await box(GRAD.seed)).x);
    const forwardBottom = Math.max(...await Promise.all(Object.values(ID).map(async (id) => { const b = await box(id); return b.y + b.height; })));
    const gradientTop = Math.min(...await Promise.all(Object.values(GRAD).map(async (id) => (await box(id)).y)));
    assert.ok(gradientTop > forwardBottom, `gradient band at ${gradientTop}, forward graph down to ${forwardBottom}`);
    // Stepping marks what the step computes: processing y gives ȳ (the seed) and v̄ of sin x₂ = −ȳ.
    await page.locator('[data-action="step-forward"]').click();
    assert.deepEqual(await page.locator('.node.step-current').evaluateAll((ns) => ns.map((n) => Number(n.getAttribute('data-node-id'))).sort((a, b) => a - b)),
      [ID.y, GRAD.seed, GRAD.neg]);
    assert.equal(await page.locator(`.node[data-node-id="${GRAD.x1}"].step-pending`).count(), 1);
    assert.equal((await savedState<{ extended: boolean }>(page)).extended, true);
    assert.equal(await page.locator('.message').isVisible(), false, 'no note: the gradient graph itself is drawn');
    await screenshot(page, 'graph-lecture-extended');
  });

  it('says why the extended graph is only a mirror of v̄ nodes when the gradient graph is too large (issue 14)', async () => {
    const data = lectureGraph();
    data.extended.fallback = 'The extended graph shows one v̄ per node: its gradient graph would have more than 300 nodes.';
    await showGraph(data);
    assert.equal(await page.locator('.message').isVisible(), false);
    await page.locator('[data-action="extended"]').check();
    assert.equal(await page.locator('.message').textContent(), data.extended.fallback);
    await page.locator('[data-action="extended"]').uncheck();
    assert.equal(await page.locator('.message').isVisible(), false);
  });

  it('follows the theme classes', async () => {
    await showGraph(lectureGraph(), { bodyClass: 'vscode-light' });
    const colours = (): Promise<{ background: string; frame: string; text: string }> => page.evaluate(() => ({
      background: getComputedStyle(document.body).backgroundColor,
      frame: getComputedStyle(document.querySelector('.node.kind-intermediate .node-frame')!).fill,
      text: getComputedStyle(document.querySelector('.node-title')!).fill,
    }));
    const light = await colours();
    await screenshot(page, 'graph-lecture-light');
    await page.evaluate(() => document.body.classList.replace('vscode-light', 'vscode-dark'));
    const dark = await colours();
    await page.evaluate(() => document.body.classList.replace('vscode-dark', 'vscode-high-contrast'));
    const contrast = await colours();
    await screenshot(page, 'graph-lecture-high-contrast');
    assert.notEqual(light.background, dark.background);
    assert.notEqual(light.frame, dark.frame);
    assert.notEqual(light.text, dark.text);
    assert.notEqual(dark.background, contrast.background);
    assert.equal(light.background, 'rgb(255, 255, 255)');
    assert.equal(contrast.background, 'rgb(0, 0, 0)');
  });

  it('keeps a hostile label as text: nothing runs, the text is visible', async () => {
    await showGraph(lectureGraph({ v1: { label: HOSTILE, shown: HOSTILE }, y: { name: undefined, label: HOSTILE, shown: HOSTILE } }));
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
    assert.equal(await page.locator('img, script:not([src])').count(), 0);
    const title = await page.locator(`.node[data-node-id="${ID.v1}"] .node-title`).textContent();
    assert.ok(HOSTILE.startsWith((title ?? '').replace('…', '')), title ?? '');
    assert.ok((await page.locator(`.node[data-node-id="${ID.v1}"] > title`).textContent())!.includes(HOSTILE));
    await screenshot(page, 'graph-hostile-label');
  });

  it('ships a nonce-only Content-Security-Policy', async () => {
    await showGraph(lectureGraph());
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.equal(csp, `default-src 'none'; img-src https://webview.test data:; style-src https://webview.test; script-src 'nonce-${loaded.nonce}'`);
    assert.match(loaded.nonce, /^[A-Za-z0-9]{32}$/);
    assert.equal(await page.locator(`script[nonce]`).count(), 1);
    // An inline script without the nonce is refused by the policy.
    await page.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.body.append(s); });
    assert.equal(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan), undefined);
    loaded.consoleErrors.length = 0;   // the refusal itself is reported on the console
  });

  it('zoom and pan are kept in the webview state and restored', async () => {
    await showGraph(lectureGraph());
    const box = (await page.locator('#graph-surface').boundingBox())!;
    await page.mouse.move(box.x + 200, box.y + 200);
    await page.mouse.wheel(0, -300);
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + 65, box.y + 45, { steps: 4 });
    await page.mouse.up();
    const state = await savedState<{ view: { x: number; y: number; k: number }; ref: unknown }>(page);
    assert.ok(state.view.k > 1, `zoomed in: ${JSON.stringify(state.view)}`);
    assert.deepEqual(state.ref, { uri: 'file:///notes/lecture-04-autodiff.md', blockIndex: 3, pinned: false });
    await page.context().close();

    // A reloaded page gets its state back from VS Code and shows the same view.
    await showGraph(lectureGraph(), { state });
    const transform = await page.locator('#viewport').getAttribute('transform');
    assert.equal(transform, `translate(${state.view.x},${state.view.y}) scale(${state.view.k})`);
  });

  const nodesOutside = (): Promise<string[]> => page.evaluate(() => {
    const area = document.querySelector('.graph-area')!.getBoundingClientRect();
    return Array.from(document.querySelectorAll('.node')).filter((n) => {
      const r = n.getBoundingClientRect();
      return r.left < area.left - 1 || r.right > area.right + 1 || r.top < area.top - 1 || r.bottom > area.bottom + 1;
    }).map((n) => n.getAttribute('data-node-id')!);
  });

  it('Fit shows the whole graph again; a resized panel fits again until the user moves the view', async () => {
    await showGraph(lectureGraph({}), { width: 420, height: 600 });
    const zoom = async (): Promise<number> => (await savedState<{ view: { k: number } }>(page)).view.k;
    const first = await zoom();
    assert.ok(first >= 0.45, `first view zoom ${first}`);
    const box = (await page.locator('#graph-surface').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    assert.ok((await zoom()) > first * 1.5, `zoomed in to ${await zoom()}`);
    assert.notDeepEqual(await nodesOutside(), [], 'zoomed in, some nodes leave the view');
    await page.locator('[data-action="fit"]').click();
    assert.ok(Math.abs((await zoom()) - first) < 1e-9, `Fit zoom ${await zoom()} vs ${first}`);
    assert.deepEqual(await nodesOutside(), []);
    await screenshot(page, 'graph-lecture-narrow-fit');

    // Wider: laid out and fitted again.
    await page.setViewportSize({ width: 1000, height: 600 });
    await page.waitForFunction((k) => (window as unknown as { __state: { view: { k: number } } }).__state.view.k !== k, first);
    assert.deepEqual(await nodesOutside(), []);
    // Once the user zooms, a resize keeps the user's view.
    await page.mouse.move(box.x + 100, box.y + 100);
    await page.mouse.wheel(0, -200);
    const chosen = await page.locator('#viewport').getAttribute('transform');
    await page.setViewportSize({ width: 420, height: 600 });
    await page.waitForTimeout(100);
    assert.equal(await page.locator('#viewport').getAttribute('transform'), chosen);
  });

  /** The smallest rendered size of the node texts: their CSS font size times the zoom of the view. */
  const renderedNodeTextPx = (): Promise<number> => page.evaluate(() => Math.min(...Array.from(document.querySelectorAll<SVGTextElement>('.node-title, .cell-text'),
    (t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM()!.a)));

  it('Fit never shrinks the text of a wide graph below 9 px: the rest is panned to (issue 14)', async () => {
    await showGraph(largeGraph(200), { width: 700, height: 500 });
    const box = (await page.locator('#graph-surface').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 2000);   // zoomed far out by hand: the wheel still gives an overview
    assert.ok((await renderedNodeTextPx()) < 4, `zoomed out: ${await renderedNodeTextPx()} px`);
    await page.locator('[data-action="fit"]').click();
    assert.ok((await renderedNodeTextPx()) >= 9, `after Fit: ${await renderedNodeTextPx()} px`);
    assert.notDeepEqual(await nodesOutside(), [], 'the graph is larger than the panel');
    // The inputs (left end) are in view: the user pans from there.
    const input = (await page.locator('.node[data-node-id="0"]').boundingBox())!;
    assert.ok(input.x >= box.x - 1 && input.x < box.x + box.width, JSON.stringify({ input, box }));

    // The extended graph of the lecture at half width is fitted at a readable size too.
    await page.context().close();
    await showGraph(lectureGraph(), { width: 640, height: 500 });
    await page.locator('[data-action="extended"]').check();
    await page.locator('[data-action="fit"]').click();
    assert.ok((await renderedNodeTextPx()) >= 9, `extended graph after Fit: ${await renderedNodeTextPx()} px`);
  });

  it('a narrow panel folds the reverse pass into a drawer under the graph', async () => {
    await showGraph(lectureGraph(), { width: 600, height: 700 });
    const table = page.locator('.node-to-grad');
    assert.equal(await table.isVisible(), false, 'closed at first: the graph gets the room');
    const closedHeight = (await page.locator('.graph-area').boundingBox())!.height;
    await page.locator('[data-action="reverse-pass"]').click();
    assert.equal(await table.isVisible(), true);
    assert.equal(await page.locator('[data-action="reverse-pass"]').getAttribute('aria-expanded'), 'true');
    await page.locator('[data-action="step-forward"]').click();
    assert.match(await page.locator('.step-caption').textContent() ?? '', /^Processing y/);
    const area = (await page.locator('.graph-area').boundingBox())!;
    const drawer = (await page.locator('.side').boundingBox())!;
    assert.ok(area.height < closedHeight && drawer.y >= area.y + area.height - 1, `the drawer sits under the graph: ${JSON.stringify({ area, drawer })}`);
    await page.waitForFunction(() => {
      const a = document.querySelector('.graph-area')!.getBoundingClientRect();
      return Array.from(document.querySelectorAll('.node')).every((n) => n.getBoundingClientRect().bottom <= a.bottom + 1);
    });
    assert.deepEqual(await nodesOutside(), [], 'the smaller graph area is fitted again');
    assert.equal((await savedState<{ drawerOpen: boolean }>(page)).drawerOpen, true);
    await screenshot(page, 'graph-lecture-600-drawer');
    // The wide panel has no drawer: the side column is always there.
    await page.setViewportSize({ width: 1200, height: 700 });
    assert.equal(await page.locator('[data-action="reverse-pass"]').isVisible(), false);
    assert.equal(await table.isVisible(), true);
  });

  // Narrow panels give the graph the full width (the reverse pass folds under it); a wide one keeps the side column.
  for (const [width, share] of [[350, 0.95], [600, 0.95], [1200, 0.7]]) {
    it(`a ${width} px panel opens with every node inside the visible graph area`, async () => {
      await showGraph(lectureGraph(), { width, height: 700 });
      for (const theme of ['dark', 'light']) {
        await page.evaluate((t) => { document.body.className = `vscode-${t}`; }, theme);
        await screenshot(page, `graph-lecture-${width}-${theme}`);
      }
      const area = (await page.locator('.graph-area').boundingBox())!;
      assert.ok(area.width >= width * share, `the graph area takes most of the width: ${area.width} of ${width}`);
      assert.ok(area.height >= 300, `and a usable height: ${area.height}`);
      const boxes = await page.locator('.node').evaluateAll((ns) => ns.map((n) => ({ id: n.getAttribute('data-node-id'), ...n.getBoundingClientRect().toJSON() })));
      assert.equal(boxes.length, 7);
      for (const box of boxes) {
        const inside = box.left >= area.x - 1 && box.right <= area.x + area.width + 1 && box.top >= area.y - 1 && box.bottom <= area.y + area.height + 1;
        assert.ok(inside, `node ${box.id} ${JSON.stringify(box)} inside ${JSON.stringify(area)}`);
      }
      // Nothing on top of the graph: the node under each node's centre is the node itself.
      const covered = await page.locator('.node').evaluateAll((ns) => ns.filter((n) => {
        const r = n.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !hit || hit.closest('.node') !== n;
      }).map((n) => n.getAttribute('data-node-id')));
      assert.deepEqual(covered, []);
    });
  }

  it('the pin toggle and the export buttons post their messages; the SVG export is standalone', async () => {
    await showGraph(lectureGraph());
    await page.locator('[data-action="pin"]').check();
    await page.locator('[data-action="export-svg"]').click();
    await page.locator('[data-action="copy-dot"]').click();
    await sendToPage(page, { type: 'requestSvg', requestId: 7 });
    const posted = (await postedMessages<{ type: string; pinned?: boolean; svg?: string; requestId?: number | null }>(page)).filter((m) => m.type !== 'ready');
    assert.deepEqual(posted.map((m) => m.type), ['pin', 'svg', 'copyDot', 'svg']);
    assert.equal((posted[2] as { extended?: boolean }).extended, false, 'DOT as shown: without the extended graph');
    assert.equal(posted[0].pinned, true);
    assert.equal(posted[1].requestId, null);
    assert.equal(posted[3].requestId, 7);
    const exported = posted[1].svg!;
    assert.match(exported, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(exported.includes('\\ln(x_1)') && !exported.includes('var(--'), 'labels present, colours resolved');
    assert.match(exported, /class="node-frame"[^>]*fill="rgb\(/, 'node frames carry their theme colour');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror') !== null, nodes: doc.querySelectorAll('.node').length, transform: doc.querySelector('#viewport')?.getAttribute('transform') ?? null };
    }, exported);
    assert.deepEqual(parsed, { error: false, nodes: 7, transform: null });
  });

  it('collapsing a node hides the subgraph that only feeds it', async () => {
    await showGraph(lectureGraph());
    // v₄ = ln x₁ + x₁x₂: collapsing it hides ln x₁ and x₁x₂, and x₁ (which feeds nothing else); x₂ still feeds sin.
    await page.locator(`.node[data-node-id="${ID.v4}"] .collapse-toggle`).click();
    const visible = await page.locator('.node').evaluateAll((ns) => ns.map((n) => Number(n.getAttribute('data-node-id'))).sort((a, b) => a - b));
    assert.deepEqual(visible, [ID.x2, ID.v3, ID.v4, ID.y]);
    assert.equal(await page.locator(`.node[data-node-id="${ID.v4}"] .collapse-toggle text`).textContent(), '+3');
    await page.locator(`.node[data-node-id="${ID.v4}"] .collapse-toggle`).click();
    assert.equal(await page.locator('.node').count(), 7);
  });

  it('opens a loss block with what an earlier block computed folded, one click from the model (issue 11)', async () => {
    // As if ln x₁, x₁x₂ and v₄ had been computed by the block on line 3 and this block only added − sin x₂.
    const data = lectureGraph();
    for (const n of data.nodes) if (n.id === ID.v1 || n.id === ID.v2 || n.id === ID.v4) n.upstream = { blockIndex: 0, place: 'line 3' };
    await showGraph(data);
    const visible = await page.locator('.node').evaluateAll((ns) => ns.map((n) => Number(n.getAttribute('data-node-id'))).sort((a, b) => a - b));
    assert.deepEqual(visible, [ID.x2, ID.v3, ID.v4, ID.y]);
    assert.equal(await page.locator(`.node[data-node-id="${ID.v4}"] .collapse-toggle text`).textContent(), '+3');
    assert.match(await nodeText(ID.v4), /add · line 3/);
    assert.match(await page.locator(`.node[data-node-id="${ID.v4}"] > title`).textContent() ?? '', /computed in the block on line 3/);
    await page.locator(`.node[data-node-id="${ID.v4}"] .collapse-toggle`).click();
    assert.equal(await page.locator('.node').count(), 7);
    assert.equal(await page.locator('.node.upstream').count(), 3);
  });

  it('renders a 500-node graph', async () => {
    const data = largeGraph(500);
    await showGraph(data);
    assert.equal(await page.locator('.node').count(), 500);
    assert.equal(await page.locator('.edge').count(), data.edges.length);
    await screenshot(page, 'graph-500-nodes');
    // Collapsing the output hides everything that only feeds it: the whole graph.
    await page.locator('.node[data-node-id="499"] .collapse-toggle').dispatchEvent('click');   // tiny at this zoom
    assert.equal(await page.locator('.node').count(), 1);
    assert.equal(await page.locator('.node[data-node-id="499"] .collapse-toggle text').textContent(), '+499');
  });

  it('the pinned block deleted: the graph goes, the message stays, the state remembers it; a new graph comes back', async () => {
    await showGraph(lectureGraph(), { state: { ref: { uri: 'file:///notes/lecture-04-autodiff.md', blockIndex: 3, pinned: true } } });
    await sendToPage(page, { type: 'graph', data: lectureGraph(), pinned: true });
    const deleted = 'The pinned block was deleted. Unpin the panel to follow the cursor again.';
    await sendToPage(page, { type: 'blockDeleted', message: deleted });
    assert.equal(await page.locator('.message').textContent(), deleted);
    assert.equal(await page.locator('.node').count(), 0, 'no node of the deleted block is left');
    assert.equal(await page.locator('.content').isVisible(), false, 'neither graph nor reverse pass is shown');
    assert.equal(await page.locator('.title').textContent(), 'Computational graph');
    assert.equal(await page.locator('[data-action="export-svg"]').isVisible(), false, 'no export of a graph that is gone');
    assert.equal(await page.locator('[data-action="pin"]').isVisible(), true, 'the Pin toggle stays, to unpin');
    await screenshot(page, 'graph-pinned-block-deleted');
    const state = await savedState<{ ref: unknown }>(page);
    assert.deepEqual(state.ref, { uri: 'file:///notes/lecture-04-autodiff.md', blockIndex: 3, pinned: true, blockDeleted: true });
    await sendToPage(page, { type: 'requestSvg', requestId: 3 });
    const svg = (await postedMessages<{ type: string; svg?: string }>(page)).find((m) => m.type === 'svg');
    assert.equal(svg?.svg, '', 'nothing to export');
    // unpinned, the panel follows the cursor to another block: it shows again and forgets the deletion
    await sendToPage(page, { type: 'graph', data: { ...lectureGraph(), blockIndex: 5 }, pinned: false });
    assert.equal(await page.locator('.node').count(), 7);
    assert.equal(await page.locator('.content').isVisible(), true);
    assert.equal(await page.locator('[data-action="export-svg"]').isVisible(), true);
    assert.deepEqual((await savedState<{ ref: unknown }>(page)).ref, { uri: 'file:///notes/lecture-04-autodiff.md', blockIndex: 5, pinned: false });
  });

  it('shows the server message for a block without a graph', async () => {
    const data = { ...lectureGraph(), status: 'not-evaluable' as const, message: 'This block has \\lim: valid math that cannot be evaluated.', nodes: [], edges: [], steps: [] };
    loaded = await openPage(browser, 'graph');
    page = loaded.page;
    await sendToPage(page, { type: 'graph', data, pinned: false });
    await page.waitForFunction(() => document.querySelector('.message')?.textContent?.includes('\\lim'));
    assert.equal(await page.locator('.node').count(), 0);
  });
});
