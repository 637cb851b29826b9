// Recursion through a function from an earlier block: the error shows at the call the block wrote
// (`y = f(2)`), once, not inside the other block's function body. (Mutual recursion across blocks cannot
// arise: a function's body sees only what is defined where it is written, SPEC §3.)
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer } from '../../../server/analysis';
import { diagnostics } from '../../../server/lsp/diagnostics';

function analyse(text: string) {
  const document = TextDocument.create('file:///rec.md', 'markdown', 1, text);
  const blocks = new DocumentAnalyzer().analyze(document.uri, text, 'markdown');
  const diags = diagnostics({ document, blocks });
  const at = (d: (typeof diags)[number]) => text.slice(document.offsetAt(d.range.start), document.offsetAt(d.range.end));
  const inBlock = (i: number) => diags.filter((d) => document.offsetAt(d.range.start) >= blocks[i].block.span.start && document.offsetAt(d.range.end) <= blocks[i].block.span.end);
  return { blocks, at, inBlock };
}

describe('hardening: recursion errors at the call', () => {
  it('y = f(2) with f defined in terms of itself in an earlier block: one error, on f(2)', () => {
    const { blocks, at, inBlock } = analyse('$$\nf(x) = f(x) + 1\n$$\n\n$$\ny = f(2)\n$$\n');
    assert.equal(blocks[1].status, 'error');
    assert.deepEqual(inBlock(1).map(at), ['f(2)']);
    assert.match(String(inBlock(1)[0].message), /function calls nest deeper than 32 \(is f defined in terms of itself\?\)/);
    // Every error lies in the block that reported it: f's block does not show the caller's error.
    const spans = blocks.flatMap((b) => b.problems.map((p) => ({ block: b.block.span, p: p.span })));
    for (const { block, p } of spans) assert.ok(p.start >= block.start && p.end <= block.end, `a problem at ${p.start} outside its block`);
  });

  it('f and g written in terms of each other in two blocks: the call reports the missing g once, no recursion', () => {
    const text = '$$\nf(x) = g(x) + 1\n$$\n\n$$\ng(x) = f(x) \\cdot 2\n$$\n\n$$\ny = f(2)\n$$\n';
    const { blocks } = analyse(text);
    assert.deepEqual(blocks[2].problems.map((p) => text.slice(p.span.start, p.span.end)), ['f(2)']);
    assert.match(blocks[2].problems[0].message, /g is not defined/);
  });
});
