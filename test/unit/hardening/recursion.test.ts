// Mutual recursion across blocks: the error shows at the call the block wrote (`y = f(2)`), once,
// not inside another block's function body.
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer } from '../../../server/analysis';
import { diagnostics } from '../../../server/lsp/diagnostics';

describe('hardening: recursion errors at the call', () => {
  it('y = f(2) with f and g defined in terms of each other: one error, on f(2)', () => {
    const text = '$$\nf(x) = g(x) + 1\n$$\n\n$$\ng(x) = f(x) \\cdot 2\n$$\n\n$$\ny = f(2)\n$$\n';
    const document = TextDocument.create('file:///rec.md', 'markdown', 1, text);
    const blocks = new DocumentAnalyzer().analyze(document.uri, text, 'markdown');
    const caller = blocks[2];
    assert.equal(caller.status, 'error');
    const diags = diagnostics({ document, blocks });
    const at = (d: (typeof diags)[number]) => text.slice(document.offsetAt(d.range.start), document.offsetAt(d.range.end));
    const inCaller = diags.filter((d) => document.offsetAt(d.range.start) >= caller.block.span.start);
    assert.deepEqual(inCaller.map(at), ['f(2)']);
    assert.match(String(inCaller[0].message), /^f\(2\): function calls nest deeper than/);
    // Every error lies in the block that reported it, so g's block does not show the caller's error twice.
    const spans = blocks.flatMap((b) => b.problems.map((p) => ({ block: b.block.span, p: p.span })));
    for (const { block, p } of spans) assert.ok(p.start >= block.start && p.end <= block.end, `a problem at ${p.start} outside its block`);
  });
});
