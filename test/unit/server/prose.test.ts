// Reading prose (issue 14): inline math gets no CodeLens and an inlay value only where it tells
// something; display math keeps its lenses; a block whose inputs are all sampled says so once.
import { strict as assert } from 'node:assert';
import { CodeLensRequest, HoverRequest, InlayHintRequest, type InlayHint, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { graphRequest } from '../../../server/protocol';
import { buildOnce, LspSession, positionOf } from './lspSession';

// A chapter-like page in our own words: a paragraph full of inline symbols, a display model.
const NOTE = [
  '# Linear models',
  '',
  'Each example $x_i$ has a weight $w_i$, and the batch $|\\mathcal{B}|$ is small. The score',
  '$\\mathbf{w}^\\top \\mathbf{x} + b$ adds a bias; two on one line: $x_1$ and $x_2$.',
  '',
  '$$',
  'h = \\mathbf{w}^\\top \\mathbf{x}, \\quad \\hat{y} = h + b',
  '$$',
  '',
  'Set $\\lambda = 0.1$ and $c = 3$, so the penalty is $s = \\frac{\\lambda}{2} c$ and $\\lambda c$ is',
  'its double. With $y = \\sum_i x_i w_i + b$ the squashed score is $\\sigma(y)$.',
  '',
].join('\n');

describe('quiet on prose (stdio)', function () {
  this.timeout(120_000);
  let s: LspSession;
  const uri = 'file:///notes/prose.md';
  const all = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
  let hints: InlayHint[] = [];
  const hintsOn = (line: number) => hints.filter((h) => h.position.line === line).map((h) => String(h.label));

  before(async () => {
    buildOnce();
    s = await LspSession.start();
    await s.open(uri, 'markdown', NOTE);
    hints = await s.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: all }) ?? [];
  });
  after(async () => { await s?.stop(); });

  it('gives inline math no CodeLens, and display math its three lenses', async () => {
    const lenses = await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) ?? [];
    const display = positionOf(NOTE, '$$\nh =').line;
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]),
      [[display, 'Check gradient'], [display, 'Show graph'], [display, 'Show trace']]);
  });

  it('shows no sampled value after inline symbols in prose', () => {
    for (const needle of ['$x_i$', '$\\mathbf{w}^\\top', '$x_2$', '$\\sigma(y)$']) {
      assert.deepEqual(hintsOn(positionOf(NOTE, needle).line).filter((l) => /sampled/.test(l)), [], needle);
    }
    // σ(y) rests on y, which an earlier inline block computes from sampled x, w and b.
    const sigmaLine = positionOf(NOTE, '$\\sigma(y)$').line;
    assert.deepEqual(hintsOn(sigmaLine), []);
  });

  it('shows the value of an inline definition and of an expression of bound inputs', () => {
    const line = positionOf(NOTE, '$s = ').line;
    assert.deepEqual(hintsOn(line), ['= 0.15', '= 0.3']);
    const sEnd = positionOf(NOTE, '\\frac{\\lambda}{2} c', 0, '\\frac{\\lambda}{2} c'.length);
    assert.ok(hints.some((h) => h.position.line === sEnd.line && h.position.character === sEnd.character && h.label === '= 0.15'));
  });

  it('says once, on the output, that a display block rests on sampled inputs', () => {
    const labels = hints.filter((h) => h.position.line === positionOf(NOTE, 'h = \\mathbf').line).map((h) => String(h.label));
    assert.equal(labels.length, 1, labels.join(' | '));
    assert.match(labels[0], /^= [0-9.]+ \(sampled\)$/);
    const yEnd = positionOf(NOTE, 'h + b', 0, 'h + b'.length);
    assert.deepEqual(hints.find((h) => h.label === labels[0])?.position, yEnd);
  });

  const hoverAt = async (needle: string, delta = 1): Promise<string> => {
    const h = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(NOTE, needle, 0, delta) });
    assert.ok(h, `a hover on ${needle}`);
    return (h.contents as MarkupContent).value;
  };

  it('says (sampled) on a hovered sub-expression computed from sampled inputs, also through an earlier block', async () => {
    assert.match(await hoverAt('\\mathbf{w}^\\top \\mathbf{x}, \\quad', 10), /^- value: `[^`]+` \(sampled\)$/m);
    assert.match(await hoverAt('\\sigma(y)', 2), /^- value: `[^`]+` \(sampled\)$/m);
    // Bound inputs only: no such mark.
    assert.doesNotMatch(await hoverAt('\\lambda c$'), /\(sampled\)/);
  });

  it('marks every graph node whose value rests on sampled inputs', async () => {
    const line = positionOf(NOTE, 'h = \\mathbf').line;
    const graph = await s.connection.sendRequest(graphRequest, { textDocument: { uri }, position: { line, character: 2 } });
    assert.ok(graph && graph.nodes.length > 3);
    assert.deepEqual(graph.nodes.filter((n) => !n.sampled).map((n) => n.label), []);
    const bound = await s.connection.sendRequest(graphRequest, { textDocument: { uri }, position: positionOf(NOTE, '\\lambda c$', 0, 1) });
    assert.ok(bound && bound.nodes.length >= 3);
    assert.deepEqual(bound.nodes.filter((n) => n.sampled).map((n) => n.label), []);
  });

  it('says why a name is sampled when its definition above could not be evaluated', async () => {
    const other = 'file:///notes/penalty.md';
    const text = [
      '$$',
      // A norm the product does not evaluate (the Frobenius norm it does, whatever the font of its F).
      's = \\frac{\\lambda}{2} \\left(\\|\\mathbf{W}^{(1)}\\|_3^2 + \\|\\mathbf{W}^{(2)}\\|_3^2\\right)',
      '$$',
      '',
      '$$',
      'J = L + s',
      '$$',
      '',
    ].join('\n');
    await s.open(other, 'markdown', text);
    const h = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: other }, position: positionOf(text, 'L + s', 0, 4) });
    const value = (h?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(value, /^- sampled: its definition on line 2 could not be evaluated \(the 3-norm is not evaluable\), so it is drawn uniformly/m, value);
    // L has no definition anywhere: plainly sampled.
    const l = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: other }, position: positionOf(text, 'L + s', 0, 0) });
    assert.match((l?.contents as MarkupContent | undefined)?.value ?? '', /^- sampled: drawn uniformly/m);
  });
});
