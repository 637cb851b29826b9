// Symbolic adjoints of the lecture's example, and the "Insert derivative" code action: the
// inserted LaTeX parses back as a claim that holds.
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeActionParams } from 'vscode-languageserver';
import { DocumentAnalyzer } from '../../../server/analysis';
import { insertDerivativeActions } from '../../../server/lsp/insertDerivative';
import { analyze, display, LECTURE_Y } from './helpers';

function actionsFor(text: string, languageId: 'markdown' | 'latex' = 'markdown', uri = 'file:///notes/insert.md') {
  const document = TextDocument.create(uri, languageId, 1, text);
  const blocks = new DocumentAnalyzer().analyze(uri, text, languageId);
  const at = document.positionAt(blocks[0].block.content.start + 1);
  const params: CodeActionParams = { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } };
  return { document, actions: insertDerivativeActions({ document, blocks }, params) };
}

function applied(document: TextDocument, action: ReturnType<typeof actionsFor>['actions'][number]): string {
  const edits = action.edit!.changes![document.uri];
  return TextDocument.applyEdits(document, edits);
}

describe('symbolic adjoints', () => {
  it('the lecture example reads 1/x₁ + x₂ and x₁ − cos(x₂)', () => {
    const [a] = analyze(display([LECTURE_Y]));
    const adjoint = (name: string) => {
      const input = a.graph.nodes().find((n) => n.name === name && n.op === 'input');
      return input ? a.graph.symbolicAdjoint(input.id) : undefined;
    };
    assert.equal(adjoint('x_1')?.unicode, '1/x₁ + x₂');
    assert.equal(adjoint('x_2')?.unicode, 'x₁ − cos(x₂)');
  });
});

describe('Insert derivative', () => {
  it('offers one action per scalar input, inserting a new $$ block under the block', () => {
    const text = `Text.\n\n${display([LECTURE_Y])}\nAfter.\n`;
    const { document, actions } = actionsFor(text);
    assert.deepEqual(actions.map((a) => a.title), ['Insert derivative ∂y/∂x₁', 'Insert derivative ∂y/∂x₂']);
    const after = applied(document, actions[0]);
    assert.ok(after.includes('$$\n\n$$\n\\frac{\\partial y}{\\partial x_1} = \\frac{1}{x_1} + x_2\n$$'), after);
    assert.ok(after.startsWith(text.slice(0, text.indexOf('After.'))), 'the original block is untouched');
  });

  for (const [i, lhs] of [[0, '\\frac{\\partial y}{\\partial x_1}'], [1, '\\frac{\\partial y}{\\partial x_2}']] as const) {
    it(`the inserted ${lhs} parses back as a claim that holds`, () => {
      const { document, actions } = actionsFor(display([LECTURE_Y], 'x_1 = 2, x_2 = 5'));
      const blocks = analyze(applied(document, actions[i]));
      assert.equal(blocks.length, 2);
      const claims = blocks[1].claims;
      assert.equal(claims.length, 1, `${blocks[1].status}: ${blocks[1].message}`);
      assert.equal(claims[0].claim, lhs);
      assert.equal(claims[0].holds, true);
      assert.equal(claims[0].points, 5);
    });
  }

  it('a function block gets a claim on f(x), with shared subexpressions as definitions, that holds', () => {
    const { document, actions } = actionsFor(display(['f(x) = \\exp(x^2) \\sin(x)']));
    assert.equal(actions.length, 1);
    const after = applied(document, actions[0]);
    assert.match(after, /\\frac\{\\partial f\(x\)\}\{\\partial x\} = /);
    assert.doesNotMatch(after, /t_\{1\}/, 'the shared exp(x²) is written out, not named');
    const blocks = analyze(after);
    const claim = blocks[1].claims[0];
    assert.ok(claim, `${blocks[1].status}: ${blocks[1].message}`);
    assert.equal(claim.holds, true);
    const x = blocks[1].inputs.find((b) => b.name === 'x')!.value.item();
    const expected = Math.exp(x * x) * (Math.cos(x) + 2 * x * Math.sin(x));
    assert.ok(Math.abs((claim.autodiff as number) - expected) < 1e-9 * Math.max(1, Math.abs(expected)));
  });

  it('offers nothing for a tensor input, a claim block or a block that is not evaluable', () => {
    assert.equal(actionsFor(display(['\\nabla_x \\|Ax - b\\|_2^2'], 'A = [[1, 2], [3, 4]], b = [1, 0], x = [0.5, -1]')).actions.length, 0);
    assert.equal(actionsFor(display([LECTURE_Y, '\\frac{\\partial y}{\\partial x_1} = x_2'])).actions.length, 0);
    assert.equal(actionsFor(display(['a \\approx b'])).actions.length, 0);
  });

  it('in a .tex file the new block is \\[ … \\]', () => {
    const text = `\\[\n${LECTURE_Y}\n\\]\n`;
    const { document, actions } = actionsFor(text, 'latex', 'file:///notes/insert.tex');
    assert.equal(actions.length, 2);
    const after = applied(document, actions[1]);
    assert.match(after, /\\\[\n[^]*\\frac\{\\partial y\}\{\\partial x_2\} = x_1 - \\cos\(x_2\)\n\\\]\n$/);
    const blocks = new DocumentAnalyzer().analyze('file:///notes/insert.tex', after, 'latex');
    assert.equal(blocks[1].claims[0]?.holds, true);
  });
});
