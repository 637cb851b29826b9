// The LaTeX corpus (test/corpus/latex-corpus.json, made by latex_corpus.py with PyTorch) is read by
// the analysis tests; this checks that the file keeps the shape they rely on and the spec's numbers.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { Nested } from '../../../engine';
import { assertClose } from './close';

interface CorpusItem {
  id: string; latex: string; bindings: Record<string, Nested>;
  expected: 'ok' | 'not-evaluable' | 'error';
  output?: string; value?: Nested; gradient?: Record<string, Nested>; note?: string;
}
interface Corpus { dtype: string; counts: Record<string, number>; items: CorpusItem[] }

const corpus: Corpus = JSON.parse(readFileSync(path.join(__dirname, '../../corpus/latex-corpus.json'), 'utf8'));
const byId = (id: string): CorpusItem => {
  const item = corpus.items.find((i) => i.id === id);
  assert.ok(item, `corpus item ${id}`);
  return item;
};

function shapeOf(x: Nested): number[] {
  return Array.isArray(x) ? [x.length, ...(x.length > 0 ? shapeOf(x[0]) : [])] : [];
}

describe('LaTeX corpus file (PyTorch-computed expectations)', () => {
  it('holds at least 150 snippets with unique ids and every status', () => {
    assert.ok(corpus.items.length >= 150, `${corpus.items.length} items`);
    assert.equal(new Set(corpus.items.map((i) => i.id)).size, corpus.items.length);
    const counts = { ok: 0, 'not-evaluable': 0, error: 0 };
    for (const item of corpus.items) counts[item.expected]++;
    assert.deepEqual(counts, corpus.counts);
    assert.ok(counts.ok >= 100 && counts['not-evaluable'] >= 20 && counts.error >= 10, JSON.stringify(counts));
  });

  it('gives values and gradients only to ok items, with a gradient shaped like each binding', () => {
    for (const item of corpus.items) {
      assert.ok(item.latex.length > 0 || item.expected === 'not-evaluable', `${item.id}: empty latex`);
      if (item.expected !== 'ok') {
        assert.equal(item.value, undefined, `${item.id}: value on a non-ok item`);
        assert.equal(item.gradient, undefined, `${item.id}: gradient on a non-ok item`);
        continue;
      }
      if (item.value === undefined) {
        assert.match(item.note ?? '', /sampled/, `${item.id}: an ok item without value must say why`);
        continue;
      }
      for (const [name, g] of Object.entries(item.gradient ?? {})) {
        const bound = item.bindings[name];
        if (bound === undefined) {
          assert.ok(item.latex.includes(`${name} =`), `${item.id}: gradient over ${name}, which is neither bound nor assigned`);
          continue;
        }
        assert.deepEqual(shapeOf(g), shapeOf(bound), `${item.id}: gradient shape of ${name}`);
      }
    }
  });

  it('reproduces the reference numbers of SPEC §8', () => {
    const lecture = byId('lecture_y');
    assertClose(lecture.value!, 11.652071455223084, 'lecture value');
    assertClose([lecture.gradient!.x_1, lecture.gradient!.x_2], [5.5, 1.7163378145367738], 'lecture gradient');
    const prod = byId('lecture_prod');
    assertClose(prod.value!, 24, 'prod value');
    assertClose(prod.gradient!['\\theta'], [24, 12, 8, 6], 'prod gradient');
    const loss = byId('spec_softmax_loss');
    assertClose(loss.value!, 1.40760596444438, 'softmax loss', 1e-13);
    assertClose(loss.gradient!.h, [0.0900305731703805, -0.755271528945202, 0.665240955774822], 'softmax loss gradient', 1e-13);
  });
});
