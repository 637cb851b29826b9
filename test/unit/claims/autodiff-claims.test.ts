// Derivation claims in the autodiff language (`grad(y, x1) == 1/x1 + x2`), in a ```autodiff fence and
// in a .autodiff file: checked like LaTeX claims (bound point + re-sampled points, where, pathways),
// shown by the CodeLens, and never the block's output.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer, type BlockAnalysis } from '../../../server/analysis';
import { CheckResults } from '../../../server/lsp/checkResults';
import { codeLenses } from '../../../server/lsp/codeLens';
import { withClaimHover } from '../../../server/lsp/claims';
import { claimOf, close } from './helpers';

const LECTURE = ['x1 = 2; x2 = 5', 'y = log(x1) + x1*x2 - sin(x2)'];
const Y_AT_2_5 = Math.log(2) + 10 - Math.sin(5);

function analyzed(text: string, languageId: 'markdown' | 'autodiff') {
  const uri = languageId === 'markdown' ? 'file:///notes/claims.md' : 'file:///notes/claims.autodiff';
  const document = TextDocument.create(uri, languageId, 1, text);
  return { document, blocks: new DocumentAnalyzer().analyze(uri, text, languageId) };
}

function file(lines: string[]): BlockAnalysis {
  const { blocks } = analyzed(lines.join('\n'), 'autodiff');
  assert.equal(blocks.length, 1);
  return blocks[0];
}

const fence = (lines: string[]): string => ['```autodiff', ...lines, '```', ''].join('\n');

/** The lens titles of a document, each with its 0-based line. */
function lensTitles(text: string, languageId: 'markdown' | 'autodiff'): Array<[number, string]> {
  return codeLenses(analyzed(text, languageId), new CheckResults())
    .filter((l) => l.command?.command === '')
    .map((l) => [l.range.start.line, l.command!.title]);
}

describe('autodiff-language claims on the lecture example (x1 = 2, x2 = 5)', () => {
  it('in a .autodiff file: a true claim holds at 5 points and the output stays y', () => {
    const a = file([...LECTURE, 'grad(y, x1) == 1/x1 + x2']);
    assert.equal(a.status, 'ok', a.message ?? '');
    const c = claimOf(a, 'grad(y, x1)');
    assert.equal(c.holds, true);
    assert.equal(c.points, 5);
    assert.equal(c.where, null);
    assert.equal(c.line, 3);
    close(c.autodiff, 1 / 2 + 5);
    close(c.yours, 1 / 2 + 5);
    assert.equal(a.outputName, 'y', 'a claim is a check, not the output');
    close(a.value, Y_AT_2_5);
    assert.deepEqual(a.problems, []);
  });

  it('in a .autodiff file: a false claim fails at the bound point, names the missing path and warns on its right side', () => {
    const text = [...LECTURE, 'grad(y, x1) == x2'].join('\n');
    const [a] = analyzed(text, 'autodiff').blocks;
    assert.equal(a.status, 'ok', 'a wrong claim is not a broken program');
    const c = claimOf(a, 'grad(y, x1)');
    assert.equal(c.holds, false);
    assert.deepEqual(c.where, { x1: 2, x2: 5 });
    close(c.autodiff, 5.5);
    close(c.yours, 5);
    assert.match(c.pathways ?? '', /your formula lacks the path through log\(x1\)/);
    const warnings = a.problems.filter((p) => p.severity === 'warning');
    assert.equal(warnings.length, 1);
    assert.equal(text.slice(warnings[0].span.start, warnings[0].span.end), 'x2');
    assert.match(warnings[0].message, /^grad\(y, x1\) does not match autodiff at x1 = 2, x2 = 5: yours 5, autodiff 5\.5/);
  });

  it('the CodeLens above each claim says whether it matches, and where it differs', () => {
    const text = [...LECTURE, 'grad(y, x1) == 1/x1 + x2', 'assert grad(y, x2) == x1 - cos(x2)', 'grad(y, x1) == x2'].join('\n');
    assert.deepEqual(lensTitles(text, 'autodiff'), [
      [2, '✓ matches autodiff'],
      [3, '✓ matches autodiff'],
      [4, '✗ differs at x1 = 2, x2 = 5: yours 5, autodiff 5.5'],
    ]);
  });

  it('hovering a claim shows the comparison', () => {
    const text = [...LECTURE, 'grad(y, x1) == x2'].join('\n');
    const doc = analyzed(text, 'autodiff');
    const params = { textDocument: { uri: doc.document.uri }, position: doc.document.positionAt(text.lastIndexOf('x2')) };
    const value = (withClaimHover(doc, params, null)?.contents as { value: string }).value;
    assert.match(value, /^\*\*Claim does not hold\*\*: `grad\(y, x1\)` differs from autodiff at x1 = 2, x2 = 5/);
  });

  it('in a ```autodiff fence inside Markdown: true and false claims, lines counted in the document', () => {
    const text = ['# Notes', '', fence([...LECTURE, 'grad(y, x1) == 1/x1 + x2']), 'Prose.', '', fence([...LECTURE, 'grad(y, x2) == x1 + cos(x2)'])].join('\n');
    const { blocks } = analyzed(text, 'markdown');
    assert.equal(blocks.length, 2);
    const right = claimOf(blocks[0], 'grad(y, x1)');
    assert.equal(right.holds, true);
    assert.equal(right.line, 6);
    const wrong = claimOf(blocks[1], 'grad(y, x2)');
    assert.equal(wrong.holds, false);
    assert.equal(wrong.line, 14);
    assert.deepEqual(wrong.where, { x1: 2, x2: 5 });
    close(wrong.autodiff, 2 - Math.cos(5));
    close(wrong.yours, 2 + Math.cos(5));
    assert.match(wrong.pathways ?? '', /the term cos\(x2\) should be the path through sin\(x2\)/);
    assert.deepEqual(lensTitles(text, 'markdown').map(([line, title]) => [line, title.slice(0, 1)]), [[5, '✓'], [13, '✗']]);
  });

  it('a claim that agrees only at the bound point is caught at a re-sampled point', () => {
    // At x1 = 1, x1 + x2 equals 1/x1 + x2; nowhere else in [0.5, 2).
    const c = claimOf(file(['x1 = 1; x2 = 5', LECTURE[1], 'grad(y, x1) == x1 + x2']), 'grad(y, x1)');
    assert.equal(c.holds, false);
    const x1 = c.where?.x1 as number;
    const x2 = c.where?.x2 as number;
    assert.notEqual(x1, 1, 'fails away from the bound point');
    assert.ok(x1 >= 0.5 && x1 < 2 && x2 >= 0.5 && x2 < 2, `re-sampled in [0.5, 2): ${x1}, ${x2}`);
    close(c.autodiff, 1 / x1 + x2);
    close(c.yours, x1 + x2);
    // With the bound point only, the chance agreement would pass.
    const once = new DocumentAnalyzer({ claimPoints: 1 }).analyze('file:///one.autodiff', ['x1 = 1; x2 = 5', LECTURE[1], 'grad(y, x1) == x1 + x2'].join('\n'), 'autodiff');
    assert.equal(claimOf(once[0], 'grad(y, x1)').holds, true);
  });
});

describe('autodiff-language claims: second order, tensors, earlier blocks', () => {
  it('second order by nested grad: the mixed derivative is 1, ∂²y/∂x1² = −1/x1², ∂²y/∂x2² ≠ −1/x1', () => {
    const a = file([...LECTURE,
      'grad(grad(y, x1), x2) == 1',
      'grad(grad(y, x1), x1) == -1/x1**2',
      'grad(grad(y, x2), x2) == -1/x1']);
    assert.equal(a.status, 'ok', a.message ?? '');
    close(claimOf(a, 'grad(grad(y, x1), x2)').autodiff, 1);
    assert.equal(claimOf(a, 'grad(grad(y, x1), x2)').holds, true);
    assert.equal(claimOf(a, 'grad(grad(y, x1), x1)').holds, true);
    const wrong = claimOf(a, 'grad(grad(y, x2), x2)');
    assert.equal(wrong.holds, false);
    close(wrong.autodiff, Math.sin(5));
    close(wrong.yours, -0.5);
    assert.equal(wrong.pathways, undefined, 'pathways explain first-order claims only');
  });

  const LSQ = ['X = [[1, 2], [3, 4], [5, 6]]; t = [1, 0, 2]; w = [0.5, -1]', 'loss = sum((X @ w - t) ** 2)'];
  // 2 Xᵀ(Xw − t), worked out by hand: Xw − t = (−1.5 − 1, −2.5 − 0, −3.5 − 2).
  const RESIDUAL = [-2.5, -2.5, -5.5];
  const LSQ_GRAD = [2 * (1 * -2.5 + 3 * -2.5 + 5 * -5.5), 2 * (2 * -2.5 + 4 * -2.5 + 6 * -5.5)];

  it('least squares: grad(loss, w) == 2 * X.T @ (X @ w - t) holds, without the 2 it fails by half', () => {
    const a = file([...LSQ, 'grad(loss, w) == 2 * X.T @ (X @ w - t)', 'grad(loss, w) == X.T @ (X @ w - t)']);
    assert.equal(a.status, 'ok', a.message ?? '');
    const [right, half] = a.claims;
    assert.equal(right.holds, true);
    assert.equal(right.points, 5);
    assert.deepEqual(right.autodiff, LSQ_GRAD);
    assert.equal(half.holds, false);
    assert.deepEqual(half.yours, LSQ_GRAD.map((v) => v / 2));
    assert.deepEqual(half.where?.w, [0.5, -1]);
    assert.equal(a.outputName, 'loss');
    assert.equal(a.value, RESIDUAL.reduce((s, r) => s + r * r, 0));
  });

  it('a formula of the wrong shape fails with a warning naming both shapes', () => {
    const a = file([...LSQ, 'grad(loss, w) == X.T @ X']);
    assert.equal(claimOf(a, 'grad(loss, w)').holds, false);
    assert.match(a.problems.find((p) => p.severity === 'warning')?.message ?? '', /yours is a 2×2 matrix, autodiff a vector of 2 entries/);
  });

  it('a claim about y defined in an earlier fence differentiates that definition; a block of claims only has the derivative as value', () => {
    const text = [fence(LECTURE), fence(['grad(y, x1) == 1/x1 + x2']), fence(['grad(y, x2) == x1 + cos(x2)'])].join('\n');
    const { blocks } = analyzed(text, 'markdown');
    const right = claimOf(blocks[1], 'grad(y, x1)');
    assert.equal(right.holds, true);
    close(right.autodiff, 5.5);
    assert.equal(right.points, 5);
    close(blocks[1].value, 5.5);
    const wrong = claimOf(blocks[2], 'grad(y, x2)');
    assert.equal(wrong.holds, false);
    assert.deepEqual(wrong.where, { x1: 2, x2: 5 });
  });

  it('a value bound just before a claim is still an input the claim differentiates', () => {
    const a = file(['x = 3', 'grad(x * x, x) == 2 * x']);
    assert.equal(a.status, 'ok', a.message ?? '');
    const c = claimOf(a, 'grad(x * x, x)');
    assert.equal(c.holds, true);
    close(c.autodiff, 6);
    assert.equal(a.outputName, 'x');
  });
});

describe('autodiff-language claims: what is not a claim', () => {
  it('a claim about a formula defined in LaTeX above differentiates it (the note is one graph)', () => {
    const text = ['$$', 'y = x^3', '$$', '', fence(['grad(y, x) == 3 * x**2'])].join('\n');
    const { blocks } = analyzed(text, 'markdown');
    assert.equal(blocks[1].status, 'ok', blocks[1].message ?? '');
    assert.equal(claimOf(blocks[1], 'grad(y, x)').holds, true);
  });

  it('a stray == or a non-grad left side makes the program an error with the range of the problem', () => {
    const text = [...LECTURE, 'a = (y == x1)', 'x1 == 2'].join('\n');
    const a = file(text.split('\n'));
    assert.equal(a.status, 'error');
    const errors = a.problems.filter((p) => p.severity === 'error').map((p) => [text.slice(p.span.start, p.span.end), p.message]);
    assert.equal(errors.length, 2);
    assert.deepEqual(errors[0][0], '==');
    assert.match(errors[0][1], /'==' is allowed only in a derivation claim/);
    assert.deepEqual(errors[1][0], 'x1');
    assert.match(errors[1][1], /the left side of '==' must be a derivative grad/);
  });

  it('a claim about something that does not depend on the input is an error, not a claim compared with 0', () => {
    // y is a constant defined in LaTeX: in the fence it does not depend on x.
    const text = ['$$', 'y = 3', '$$', '', fence(['grad(y, x) == 3 * x**2'])].join('\n');
    const { blocks } = analyzed(text, 'markdown');
    const a = blocks[1];
    assert.equal(a.status, 'error');
    assert.deepEqual(a.claims, []);
    const error = a.problems.find((p) => p.severity === 'error');
    assert.equal(error?.message, 'y does not depend on x in this block, so there is no derivative to claim');
    assert.equal(text.slice(error.span.start, error.span.end), 'x');
    assert.equal(text.slice(error.span.start - 3, error.span.end + 1), 'y, x)');
  });

  it('a claim whose grad cannot be taken is an error on the culprit, not a crash', () => {
    const text = [...LECTURE, 'grad(y, 2) == 1'].join('\n');
    const a = file(text.split('\n'));
    assert.equal(a.status, 'error');
    const error = a.problems.find((p) => p.severity === 'error');
    assert.ok(error);
    assert.equal(text.slice(error.span.start, error.span.end), '2');
    assert.match(error.message, /constant, not an input/);
  });
});
