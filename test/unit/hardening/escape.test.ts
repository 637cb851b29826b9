// Document text never becomes live Markdown in a hover, and MathJax never sees commands that reach
// past typesetting.
import { strict as assert } from 'node:assert';
import type { MarkupContent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer } from '../../../server/analysis';
import { hover } from '../../../server/lsp/hover';
import { code, escapeMarkdown } from '../../../server/lsp/markdown';
import { latexToSvgDataUri } from '../../../server/lsp/mathjax';

describe('hardening: escaped Markdown, restricted MathJax', function () {
  this.timeout(60_000);

  it('a \\text{![](…)} block does not put a live image into its hover', () => {
    const text = '$$ y = \\text{![](https://x.io/a.png)} $$\n';
    const document = TextDocument.create('file:///img.md', 'markdown', 1, text);
    const blocks = new DocumentAnalyzer().analyze(document.uri, text, 'markdown');
    const h = hover({ document, blocks }, { textDocument: { uri: document.uri }, position: document.positionAt(text.indexOf('![') + 1) }, { typesetImages: true });
    assert.ok(h, 'no hover on the block');
    const value = (h.contents as MarkupContent).value;
    assert.ok(value.includes('x\\.io'), value);
    assert.doesNotMatch(value, /(^|[^\\])!\[/, `a live image: ${value}`);
  });

  it('escapeMarkdown escapes every mark that could start markup', () => {
    assert.equal(escapeMarkdown('![a](b) <img> *x* `c`'), '\\!\\[a\\]\\(b\\) \\<img\\> \\*x\\* \\`c\\`');
  });

  it('code() survives a flood of backticks (no argument-list overflow)', () => {
    const flood = '`'.repeat(200_000) + ' x';
    assert.ok(code(flood).startsWith('`'.repeat(200_001)));
  });

  it('MathJax refuses \\mmlToken, \\href, \\class and the like, and still typesets formulas', () => {
    assert.equal(latexToSvgDataUri('x_{\\mmlToken{mi}[href="javascript:1"]{a}}'), null);
    assert.equal(latexToSvgDataUri('\\href{https://x.io}{x}'), null);
    assert.equal(latexToSvgDataUri('\\class{c}{x}'), null);
    assert.ok(latexToSvgDataUri('\\frac{1}{x_1} + x_2')?.startsWith('data:image/svg+xml;base64,'));
  });
});
