import { strict as assert } from 'assert';
import { parseAnnotation } from '../../../server/parse/latex';
import { sx } from './sexpr';

describe('parseAnnotation', () => {
  const text = 'x_1 = 2, x_2 = 5, \\theta: 4, W: 3x2, W = [[1, 2], [3, 4]]';
  const offset = 300;
  const doc = ' '.repeat(offset) + text;
  const result = parseAnnotation(text, offset);

  it('reads values and shapes with canonical names', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.bindings.map((b) => [b.name, b.value ? sx(b.value) : b.shape]),
      [['x_1', '2'], ['x_2', '5'], ['\\theta', [4]], ['W', [3, 2]], ['W', '[[1 2] [3 4]]']]);
  });

  it('spans each name in the document', () => {
    assert.deepEqual(result.bindings.map((b) => doc.slice(b.span.start, b.span.end)), ['x_1', 'x_2', '\\theta', 'W', 'W']);
    const matrix = result.bindings[4].value!;
    assert.equal(doc.slice(matrix.span.start, matrix.span.end), '[[1, 2], [3, 4]]');
  });

  it('canonicalizes names as the formulas do and accepts identifiers', () => {
    const { bindings, errors } = parseAnnotation('x_{12} = -1.5; lr = 0.1\nh: (3, 2), s: scalar, z: 2×3×4', 0);
    assert.deepEqual(errors, []);
    assert.deepEqual(bindings.map((b) => [b.name, b.value ? sx(b.value) : b.shape]),
      [['x_12', '(neg 1.5)'], ['lr', '0.1'], ['h', [3, 2]], ['s', []], ['z', [2, 3, 4]]]);
  });

  it('reports bad items with their range and keeps the good ones', () => {
    const source = 'a = 1, bad, q: 3y, = 4, b = (2,';
    const { bindings, errors } = parseAnnotation(source, 0);
    assert.deepEqual(bindings.map((b) => b.name), ['a']);
    const located = errors.map((e) => [source.slice(e.span.start, e.span.end), e.message]);
    assert.deepEqual(located.slice(0, 3), [
      ['bad', "expected '=' and a value (x_1 = 2) or ':' and a shape (W: 3x2) in 'bad'"],
      ['3y', "expected a shape such as 4, 3x2 or scalar after 'q:'"],
      ['= 4', "expected a name such as x_1 or \\theta before '='"],
    ]);
    assert.equal(located.length, 4);
    assert.match(String(located[3][1]), /expected/);
  });
});
