import { strict as assert } from 'assert';
import { scanDocument } from '../../../server/scan/blocks';

const doc = [
  '\\documentclass{article}',
  '% a comment with $not math$ and \\[ nor this \\]',
  '\\begin{document}',
  'Inline $a+b$ and \\(c\\) but \\$5 and 50\\% off.',
  '\\[ x^2 \\]',
  '\\begin{equation} y = 1 \\end{equation}',
  '\\begin{align*} a &= b \\\\ c &= d \\end{align*}',
  '$$ z $$',
  '\\begin{verbatim} $no$ \\end{verbatim} \\verb|$no$|',
  '% autodiff: x = 1',
  '\\begin{equation}',
  'f = x % trailing comment',
  '\\end{equation}',
  '\\end{document}',
].join('\r\n');

describe('scan: LaTeX documents', () => {
  const blocks = scanDocument(doc, 'latex');

  it('finds every math block in order, skipping comments and verbatim', () => {
    assert.deepEqual(blocks.map((b) => [b.kind, b.text.trim()]), [
      ['inline', 'a+b'], ['inline', 'c'], ['display', 'x^2'], ['environment', 'y = 1'],
      ['environment', 'a &= b \\\\ c &= d'], ['display', 'z'], ['environment', 'f = x % trailing comment'],
    ]);
    assert.ok(blocks.every((b) => b.syntax === 'latex'));
  });

  it('spans the environment delimiters exactly', () => {
    const align = blocks[4];
    assert.equal(doc.slice(align.span.start, align.span.end), '\\begin{align*} a &= b \\\\ c &= d \\end{align*}');
  });

  it('attaches a % autodiff: comment to the next block only', () => {
    assert.deepEqual(blocks.map((b) => b.annotation?.text ?? null), [null, null, null, null, null, null, 'x = 1']);
  });

  it('does not let inline $ cross a blank line', () => {
    assert.deepEqual(scanDocument('cost $5\n\nand $x$', 'latex').map((b) => b.text), ['x']);
  });
});
