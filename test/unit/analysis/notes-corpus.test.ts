// The multi-block note corpus (issue 11): every golden block of test/corpus/notes/*.md, analysed as
// one note, against PyTorch float64 (test/corpus/notes-goldens.json, from notes_goldens.py): its
// status, output, value, the gradient of every leaf it depends on through earlier blocks, and its
// derivation claim. Float64 autodiff against float64 autodiff: the goldens' tolerance (rtol 1e-9,
// atol 1e-12), far tighter than SPEC §5's, which is for central differences; claims are judged by
// the engine with SPEC §5's tolerances, here we only compare its verdict and its two values.
import * as assert from 'node:assert/strict';
import type { BlockAnalysis } from '../../../server/analysis';
import { analyzeNote, disagreement, goldenKey, loadGoldens } from './notes-corpus';
import { KNOWN_WRONG } from './notes-known-wrong';

const notes = loadGoldens();

describe('multi-block note corpus against PyTorch', () => {
  it('has at least 40 notes with a model, a loss and claims', () => {
    const blocks = notes.flatMap((n) => n.blocks);
    assert.ok(notes.length >= 40, `${notes.length} notes`);
    assert.ok(blocks.filter((b) => b.claim).length >= 20, 'claims');
  });

  it('lists as known wrong only blocks of the corpus', () => {
    const keys = new Set(notes.flatMap((n) => n.blocks.map((g) => goldenKey(n.note, g))));
    for (const key of Object.keys(KNOWN_WRONG)) assert.ok(keys.has(key), `KNOWN_WRONG names no golden block: ${key}`);
  });

  for (const { note, blocks: golden } of notes) {
    describe(note, () => {
      let analysed: BlockAnalysis[] = [];
      before(() => {
        analysed = analyzeNote(note);
      });
      for (const g of golden) {
        const key = goldenKey(note, g);
        const wrong = KNOWN_WRONG[key];
        const where = `${note} line ${g.line} ${JSON.stringify(g.fragment)}`;
        if (wrong === undefined) {
          it(`line ${g.line}: ${g.fragment}`, () => {
            const why = disagreement(analysed, g);
            if (why !== null) assert.fail(`${where}: ${why}`);
          });
        } else {
          // Still wrong on this branch: the test fails as soon as the block becomes right, so that
          // it moves to the list above (and 11b-failing.md stays true).
          it(`line ${g.line}: ${g.fragment} (known wrong: ${wrong})`, () => {
            assert.notEqual(disagreement(analysed, g), null, `${where} now matches PyTorch: remove it from KNOWN_WRONG`);
          });
        }
      }
    });
  }
});
