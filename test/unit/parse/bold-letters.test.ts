// Bold and plain letters (issue 14, "Honest values"): the tokenizer marks what a bold face wraps,
// `letterFaces` says which letters a text writes bold and which plain, and the parser names a bold
// letter apart only for the letters it is told the note writes both ways.
import { strict as assert } from 'assert';
import { parseAnnotation, parseLatex } from '../../../server/parse/latex';
import { letterFaces } from '../../../server/parse/latex/faces';
import { tokenizeLatex } from '../../../server/parse/latex/tokens';
import { sxBlock } from './sexpr';

const boldTokens = (src: string): string[] => tokenizeLatex(src, 0).tokens.filter((t) => t.bold).map((t) => t.value);
const sorted = (s: Set<string>): string[] => [...s].sort();

describe('bold letters', () => {
  it('the tokenizer marks the letters and Greek commands a bold face wraps, and only those', () => {
    assert.deepEqual(boldTokens('\\mathbf{W}^{(1)} \\mathbf{x} + b'), ['W', 'x']);
    assert.deepEqual(boldTokens('\\boldsymbol{\\theta} + \\bm \\mu + \\theta'), ['theta', 'mu']);
    assert.deepEqual(boldTokens('\\mathbf{Wx} y'), ['W', 'x']);
    assert.deepEqual(boldTokens('\\mathrm{d}x + \\hat{y}'), []);
  });

  it('letterFaces: bold, plain names, and neither for entries (x_i) or subscript labels (W_{xh})', () => {
    const f = letterFaces('\\mathbf{h} = \\phi(\\mathbf{z}), \\mathbf{W}_{xh} \\in \\mathbb{R}^{q \\times h}, y = x_i + z^{(1)}_j');
    assert.deepEqual(sorted(f.bold), ['W', 'h', 'z']);
    // h is a size, q and y plain names, \phi a function written with a Greek letter; x_i and z^{(1)}_j are entries.
    assert.deepEqual(sorted(f.plain), ['\\phi', 'h', 'q', 'y']);
  });

  it('without letters apart, bold is only a face: \\mathbf{h} is h', () => {
    assert.equal(sxBlock(parseLatex('\\mathbf{o} = \\mathbf{W} \\mathbf{h}', 0)), sxBlock(parseLatex('o = W h', 0)));
  });

  it('with h apart, \\mathbf{h} and \\boldsymbol{h} are one name, \\mathbf{h} the plain h another', () => {
    const apart = new Set(['h', '\\theta']);
    const parsed = parseLatex('o = \\mathbf{W} \\mathbf{h} + \\boldsymbol{h} h + \\boldsymbol{\\theta}_1 \\theta', 0, apart);
    assert.equal(sxBlock(parsed), '(= o (+ (+ (*i W \\mathbf{h}) (*i \\mathbf{h} h)) (*i \\boldsymbol{\\theta}_1 \\theta)))');
  });

  it('an annotation names the bold letter as the formulas do', () => {
    const apart = new Set(['h']);
    const { bindings, errors } = parseAnnotation('\\mathbf{h} = [1, 2], h = 3, \\mathbf{W}^{(2)}: 2x2', 0, apart);
    assert.deepEqual(errors, []);
    assert.deepEqual(bindings.map((b) => b.name), ['\\mathbf{h}', 'h', 'W^{(2)}']);
    assert.deepEqual(parseAnnotation('\\mathbf{h} = [1, 2]', 0).bindings.map((b) => b.name), ['h']);
  });
});
