// The lecture note as it is (SPEC: "keep it working"). The block list was counted by hand:
// 3 inline in the numbered list, \theta in a blockquote, 7 display blocks from "Numerical
// differentiation" to "Computational graph", 7 inline in the forward-mode section ($f: …$,
// the tuple, $k = 1$, $n$, $n$, $k = 1$, $n$), the adjoint and $f: \mathbb{R}^n \to \mathbb{R}^1$,
// the multiple-pathway display, the partial-adjoint inline, and the two last displays: 24.
import { strict as assert } from 'assert';
import { scanDocument } from '../../../server/scan/blocks';
import { describeOnSharedLecture } from '../../lectureNote';

describeOnSharedLecture('scan: the lecture note', (lecture) => {
  const blocks = scanDocument(lecture, 'markdown');

  it('yields the 24 blocks counted by hand, 10 display and 14 inline', () => {
    assert.equal(blocks.length, 24);
    assert.equal(blocks.filter((b) => b.kind === 'display').length, 10);
    assert.equal(blocks.filter((b) => b.kind === 'inline').length, 14);
    assert.deepEqual(blocks.map((b) => b.index), [...Array(24).keys()]);
  });

  it('finds no math in the TOML front matter', () => {
    const frontMatterEnd = lecture.indexOf('+++', 3) + 3;
    assert.ok(blocks.every((b) => b.span.start > frontMatterEnd));
  });

  it('has the exact texts and spans of known blocks', () => {
    const y = blocks[10];
    assert.equal(y.text, '\ny = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)\n');
    assert.equal(y.span.start, lecture.indexOf('$$\ny = \\ln'));
    assert.equal(lecture.slice(y.span.start, y.span.end), `$$${y.text}$$`);
    assert.equal(blocks[9].text, '\nf(\\theta) = \\prod_{i=1}^n \\theta_i\n');
    const ell = blocks[1];
    assert.equal(ell.kind, 'inline');
    assert.equal(ell.text, '\\ell(x, y) = -h_y(x) + \\log \\sum_{j=1}^n \\exp(h_j(x))');
    assert.equal(ell.span.start, lecture.indexOf('$\\ell(x, y)'));
    assert.equal(blocks[3].text, '\\theta');
    assert.deepEqual(blocks.slice(13, 18).map((b) => b.text), ['k = 1', 'n', 'n', 'k = 1', 'n']);
    assert.ok(blocks[23].text.includes('\\begin{bmatrix}'));
  });

  it('gives the same blocks, shifted, for the CRLF version of the note', () => {
    const crlf = lecture.replace(/\n/g, '\r\n');
    const crlfBlocks = scanDocument(crlf, 'markdown');
    assert.deepEqual(crlfBlocks.map((b) => b.text), blocks.map((b) => b.text.replace(/\n/g, '\r\n')));
    for (const b of crlfBlocks) assert.equal(crlf.slice(b.content.start, b.content.end), b.text);
  });
});
