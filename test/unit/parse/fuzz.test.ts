// Random text and random edits of valid inputs: scanning and parsing never throw, never hit the
// internal-error fallback, always finish, and every range stays inside the text.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import type { ParsedBlock, Span } from '../../../server/parse/ast';
import { parseAutodiff } from '../../../server/parse/autodiff';
import { parseAnnotation, parseLatex } from '../../../server/parse/latex';
import { scanDocument } from '../../../server/scan/blocks';
import { allNodes } from './walk';
import { fuzzSeed } from '../fuzz/seed';

const LATEX_SEEDS = [
  'y = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)',
  '\\ell(x, y) = -h_y(x) + \\log \\sum_{j=1}^n \\exp(h_j(x))',
  '\\frac{\\partial^2 y}{\\partial x_1 \\partial x_2} = \\left( \\frac{1}{x_1} + x_2 \\right)',
  '\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} W^{(1)}_{ij} \\|x\\|_2^2 |x|',
  '\\begin{aligned} a &= \\lim_{\\epsilon \\to 0} b \\\\ &\\approx \\text{c} \\end{aligned}',
  '\\theta \\in \\mathbb{R}^{m \\times n}, \\nabla_\\theta \\ell, \\partial_x y, \\sqrt[3]{x}',
];
const AUTODIFF_SEEDS = [
  'x1 = 2; x2 = 5\ny = log(x1) + x1*x2 - sin(x2)',
  'W = randn(4, 3); b = zeros(4); x = [1, 2, 3]\nloss = logsumexp(W @ x + b) - (W @ x + b)[2]',
  'a = t[:, 0] ** -2 # c\nb = sum(a.T, axis=0)\n',
];
const MARKDOWN_SEEDS = [
  '+++\ntitle = "x"\n+++\n# T\n$a$ and $$\nb\n$$\n<!-- autodiff: x = 1 -->\n```autodiff\ny = x\n```\n> $c$ `$d$` \\$5 costs $5',
  '---\na: 1\n---\n\\[ x \\]\n    code $x$\n- item $y$\n<pre>$z$</pre>\n~~~\n$w$\n~~~\n',
  'a wrapped $x +\ny$ and $u\r\nv$, open $p\n\nq$ and $5 vs\n$6',
];
const PIECES = ['{', '}', '$', '$$', '\\', '(', ')', '[', ']', '^', '_', '&', '\\\\', '\n', '\r\n', '\r', '`', '```', '|', '\\|',
  '\\frac', '\\left(', '\\right)', '\\begin{bmatrix}', '\\end{bmatrix}', '\\sum_', '<!--', '-->', '9'.repeat(400), '1e999',
  '\\partial', '=', ',', ';', '**', '@', '#', '\\text{', '%', '\u{1D53C}', '\uD800'];

/** A seed with random deletions and insertions of syntax-laden pieces. */
const edited = (seeds: string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom(...PIECES), fc.boolean()), { maxLength: 8 }))
    .map(([seed, edits]) => edits.reduce((text, [at, length, piece, insert]) => {
      const i = at % (text.length + 1);
      return insert ? text.slice(0, i) + piece + text.slice(i) : text.slice(0, i) + text.slice(i + length);
    }, seed));

const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.constantFrom(...PIECES, 'x', ' ', 'a_1'), { maxLength: 200 }).map((parts) => parts.join('')));

function assertInside(span: Span, offset: number, length: number, what: string): void {
  assert.ok(span.start >= offset && span.start <= span.end && span.end <= offset + length, `${what} ${JSON.stringify(span)} outside [${offset}, ${offset + length}]`);
}

function checkParsed(block: ParsedBlock, offset: number, length: number): void {
  for (const e of block.errors) {
    assertInside(e.span, offset, length, 'error');
    assert.ok(!e.message.includes('internal parser error'), e.message);
  }
  assert.ok(!block.unsupported?.reason.includes('internal parser error'), block.unsupported?.reason);
  for (const s of block.statements) assertInside(s.span, offset, length, 'statement');
  for (const node of allNodes(block)) {
    assertInside(node.span, offset, length, node.kind);
    if (node.kind === 'unsupported') assert.ok(!node.reason.includes('internal parser error'), node.reason);
  }
}

const BLANK_LINE = /(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)/;

function checkScan(text: string, languageId: 'markdown' | 'latex' | 'autodiff'): void {
  let previousEnd = 0;
  for (const b of scanDocument(text, languageId)) {
    assert.ok(previousEnd <= b.span.start && b.span.start <= b.content.start && b.content.start <= b.content.end &&
      b.content.end <= b.span.end && b.span.end <= text.length, JSON.stringify(b));
    assert.equal(b.text, text.slice(b.content.start, b.content.end));
    if (b.annotation) assert.equal(b.annotation.text, text.slice(b.annotation.span.start, b.annotation.span.end));
    // Inline math may wrap onto the next line of its paragraph, never past a blank line.
    if (languageId === 'markdown' && b.kind === 'inline') assert.ok(!BLANK_LINE.test(b.text), JSON.stringify(b.text));
    previousEnd = b.span.end;
  }
}

const OFFSET = 17;

describe('fuzz: scanning and parsing never throw and stay in range', () => {
  it('parseLatex on random text and edited formulas', () => {
    fc.assert(fc.property(fc.oneof(anyText, edited(LATEX_SEEDS)), (text) => checkParsed(parseLatex(text, OFFSET), OFFSET, text.length)), { numRuns: 600, seed: fuzzSeed(31) });
  });

  it('parseAutodiff on random text and edited programs', () => {
    fc.assert(fc.property(fc.oneof(anyText, edited(AUTODIFF_SEEDS)), (text) => checkParsed(parseAutodiff(text, OFFSET), OFFSET, text.length)), { numRuns: 600, seed: fuzzSeed(37) });
  });

  it('parseAnnotation on random text', () => {
    fc.assert(fc.property(fc.oneof(anyText, edited(['x_1 = 2, \\theta: 4, W: 3x2, W = [[1, 2], [3, 4]]'])), (text) => {
      const { bindings, errors } = parseAnnotation(text, OFFSET);
      for (const b of bindings) assertInside(b.span, OFFSET, text.length, 'binding');
      for (const e of errors) { assertInside(e.span, OFFSET, text.length, 'error'); assert.ok(!e.message.includes('internal parser error'), e.message); }
    }), { numRuns: 400, seed: fuzzSeed(41) });
  });

  it('scanDocument on random and edited documents in every language', () => {
    fc.assert(fc.property(fc.oneof(anyText, edited(MARKDOWN_SEEDS), edited(LATEX_SEEDS)), (text) => {
      checkScan(text, 'markdown');
      checkScan(text, 'latex');
      checkScan(text, 'autodiff');
    }), { numRuns: 600, seed: fuzzSeed(43) });
  });

  it('handles large pathological inputs', () => {
    const inputs = ['$'.repeat(20000), '`'.repeat(5000) + ' $a ' + '``$ '.repeat(3000), '$a '.repeat(10000), '$$\n'.repeat(5000) + '$',
      '\\['.repeat(10000), '<!--'.repeat(5000), '```\n'.repeat(5000), '{'.repeat(20000), '\\frac'.repeat(20000), '_'.repeat(20000),
      'a $x b\n'.repeat(20000), '$a \n'.repeat(20000) + 'b$'];
    for (const text of inputs) {
      checkScan(text, 'markdown');
      checkScan(text, 'latex');
      checkParsed(parseLatex(text, 0), 0, text.length);
      checkParsed(parseAutodiff(text, 0), 0, text.length);
    }
  });
});
