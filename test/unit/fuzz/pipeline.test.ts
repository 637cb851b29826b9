// The whole pipeline (scan → parse → evaluate → graph info) on hostile text: DocumentAnalyzer.analyze
// never throws, always returns, keeps every span inside the document and every graph within the
// node limit, and an incremental analyzer agrees with a fresh one after any sequence of edits.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DocumentAnalyzer, type BlockAnalysis } from '../../../server/analysis';
import { editArb, realNotes, type Note } from './edits';
import { visible } from './visible';
import { fuzzSeed } from './seed';

const STATUSES = new Set(['ok', 'not-evaluable', 'error']);
const LANGUAGES = ['markdown', 'latex', 'autodiff'] as const;
/** Small enough that the limit is reached by the fuzzed text, so the bound is really exercised. */
const MAX_NODES = 2_000;

const MATH_PIECES = ['$', '$$', '\n', '\r\n', '```autodiff\n', '```', '<!-- autodiff: ', '-->', 'x_1', '\\theta', '\\sum_{i=1}^{n}',
  '\\prod_{j=1}^{1000000}', '\\frac{', '}{', '}', '{', '(', ')', '[', ']', '\\ln', '\\exp', 'e^{', '^', '_', '=', ':=', '+', '-', '\\cdot',
  ' ', '2', '0', '1e308', '1e-400', '\\begin{bmatrix}', '&', '\\\\', '\\end{bmatrix}', '\\begin{aligned}', '\\end{aligned}', 'h_y',
  'f(x) = ', 'f(', ',', 'randn(3, 2)', 'randn(100000, 100000)', '@', '.T', '[0]', '\\sqrt{', '\\|', '|', '\\partial', '\\nabla_',
  '\\in \\mathbb{R}^{', '\\times', '\\lim', '\\int', '𝔼', 'θ', '\u0000', '\uD800', '\\left(', '\\right)', '#', 'grad(', '\\approx'];

function within(span: { start: number; end: number }, length: number, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: non-integer span ${JSON.stringify(span)}`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= length, `${what}: span ${JSON.stringify(span)} outside 0..${length}`);
}

/** The invariants every analysis must keep, whatever the text. */
function checkAnalysis(blocks: BlockAnalysis[], text: string): void {
  assert.ok(Array.isArray(blocks), 'analyze() did not return an array');
  let previousEnd = 0;
  blocks.forEach((b, i) => {
    assert.ok(STATUSES.has(b.status), `block ${i}: status ${String(b.status)}`);
    assert.equal(b.block.index, i, `block ${i} has index ${b.block.index}`);
    within(b.block.span, text.length, `block ${i}`);
    within(b.block.content, text.length, `block ${i} content`);
    assert.ok(b.block.span.start >= previousEnd, `block ${i} overlaps the previous one`);
    previousEnd = b.block.span.end;
    assert.ok(b.message === null || typeof b.message === 'string', `block ${i}: message ${String(b.message)}`);
    if (b.status !== 'ok') assert.ok(b.message, `block ${i} is ${b.status} without a message`);
    for (const p of b.problems) within(p.span, text.length, `block ${i} problem "${p.message}"`);
    assert.ok(b.graph.nodes().length <= MAX_NODES, `block ${i}: ${b.graph.nodes().length} nodes, above the limit of ${MAX_NODES}`);
    for (const n of b.graph.nodes()) if (n.span) within(n.span, text.length, `block ${i} node ${n.label}`);
  });
}

describe('fuzz: the whole analysis pipeline', function () {
  this.timeout(60_000);

  it('never throws on random unicode text, in each language', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300, size: 'large' }), fc.constantFrom(...LANGUAGES), (text, language) => {
      checkAnalysis(new DocumentAnalyzer({ maxNodesPerBlock: MAX_NODES }).analyze('file:///fuzz/random', text, language), text);
    }), { numRuns: 400, seed: fuzzSeed(3) });
  });

  it('never throws on random math-like text, in each language', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...MATH_PIECES), { maxLength: 120, size: 'large' }), fc.constantFrom(...LANGUAGES), (parts, language) => {
      const text = parts.join('');
      checkAnalysis(new DocumentAnalyzer({ maxNodesPerBlock: MAX_NODES }).analyze('file:///fuzz/math', text, language), text);
    }), { numRuns: 600, seed: fuzzSeed(11) });
  });

  for (const note of realNotes()) {
    it(`survives random edits of ${note.name}, and the incremental analysis matches a fresh one`, () => {
      fuzzEdits(note, note.name.startsWith('lecture') ? 40 : 25);
    });
  }
});

function fuzzEdits(note: Note, numRuns: number): void {
  const uri = `file:///fuzz/${note.name}`;
  const incremental = new DocumentAnalyzer({ maxNodesPerBlock: MAX_NODES });
  fc.assert(fc.property(fc.array(editArb, { minLength: 1, maxLength: 4, size: 'max' }), (edits) => {
    // Start from the intact note so each sequence exercises the cache against a known state.
    checkAnalysis(incremental.analyze(uri, note.text, note.languageId), note.text);
    let text = note.text;
    for (const edit of edits) {
      text = edit.apply(text);
      const blocks = incremental.analyze(uri, text, note.languageId);
      checkAnalysis(blocks, text);
      const fresh = new DocumentAnalyzer({ maxNodesPerBlock: MAX_NODES }).analyze(uri, text, note.languageId);
      assert.equal(visible(blocks), visible(fresh), `incremental and fresh analyses differ after: ${edits.map((e) => e.describe).join('; ')}`);
    }
  }), { numRuns, seed: fuzzSeed(5) });
}
