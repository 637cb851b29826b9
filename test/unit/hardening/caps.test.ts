// Every answer is bounded: diagnostics per block and per document end in one "and N more".
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer } from '../../../server/analysis';
import { diagnostics, MAX_PER_BLOCK, MAX_PER_DOCUMENT } from '../../../server/lsp/diagnostics';

function diagnosticsOf(uri: string, languageId: 'markdown' | 'autodiff', text: string) {
  const document = TextDocument.create(uri, languageId, 1, text);
  const blocks = new DocumentAnalyzer().analyze(uri, text, languageId);
  return { blocks, diags: diagnostics({ document, blocks }) };
}

describe('hardening: diagnostics are capped', function () {
  this.timeout(60_000);

  it('a 100 KB flood of $ in a .autodiff file gives at most MAX_PER_BLOCK diagnostics, the last saying how many more', () => {
    const { blocks, diags } = diagnosticsOf('file:///flood.autodiff', 'autodiff', '$'.repeat(100_000));
    const problems = blocks.reduce((n, b) => n + b.problems.length, 0);
    assert.ok(problems > MAX_PER_BLOCK, `only ${problems} problems: the flood no longer floods`);
    assert.equal(diags.length, MAX_PER_BLOCK + 1);
    assert.equal(diags[diags.length - 1].message, `and ${problems - MAX_PER_BLOCK} more problems in this block`);
  });

  it('many blocks in error: at most MAX_PER_DOCUMENT diagnostics, the last saying how many more', () => {
    const blocks = Array.from({ length: 2 * MAX_PER_DOCUMENT }, (_, i) => '```autodiff\ny = [1, 2] + [1, 2, 3]\n```\n' + (i % 2 ? '' : '\n'));
    const { diags } = diagnosticsOf('file:///many.md', 'markdown', blocks.join('\n'));
    assert.equal(diags.length, MAX_PER_DOCUMENT);
    assert.equal(diags[diags.length - 1].message, `and ${2 * MAX_PER_DOCUMENT - MAX_PER_DOCUMENT + 1} more diagnostics in this document`);
  });
});
