// The multi-block note corpus (issue 11): every golden block of test/corpus/notes/*.md, analysed as
// one note, against PyTorch float64 (test/corpus/notes-goldens.json, from notes_goldens.py): its
// status, output, value, the gradient of every leaf it depends on through earlier blocks, and its
// derivation claim. Float64 autodiff against float64 autodiff: the goldens' tolerance (rtol 1e-9,
// atol 1e-12), far tighter than SPEC §5's, which is for central differences; claims are judged by
// the engine with SPEC §5's tolerances, here we only compare its verdict and its two values.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nested } from '../../../engine';
import type { BlockAnalysis } from '../../../server/analysis';
import { assertClose } from '../goldens/close';
import { analyzeMarkdown, describeBlock, flat } from './helpers';
import { KNOWN_WRONG } from './notes-known-wrong';

interface GoldenBlock {
  kind: 'value' | 'derivative' | 'claim' | 'sampled' | 'error';
  fragment: string;
  /** Character offset of `fragment` in the note: the block whose math contains it is the one. */
  offset: number;
  line: number;
  output?: string;
  value: Nested;
  gradient: Record<string, Nested>;
  claim?: { holds: boolean; autodiff: Nested; yours: Nested };
  /** kind "sampled": the derivative is A·input + c at whatever value the engine samples for `input`. */
  /** kind "error": names the message must mention (a cycle's). */
  names?: string[];
  input?: string;
  shape?: number[];
  A?: number[][];
  c?: number[];
}

interface GoldenNote { note: string; blocks: GoldenBlock[] }

const CORPUS = join(__dirname, '..', '..', 'corpus');
const goldens = JSON.parse(readFileSync(join(CORPUS, 'notes-goldens.json'), 'utf8')) as { notes: GoldenNote[] };

const isZero = (x: Nested): boolean => (Array.isArray(x) ? x.every(isZero) : x === 0);

/** Why a block disagrees with its golden, or null when it agrees. */
function disagreement(blocks: BlockAnalysis[], g: GoldenBlock): string | null {
  const a = blocks.find((b) => b.block.content.start <= g.offset && g.offset < b.block.content.end);
  if (!a) return 'no math block here';
  if (g.kind === 'error') return cycleDisagreement(a, g.names ?? []);
  if (a.status !== 'ok') return `status ${describeBlock(a)}`;
  try {
    if (g.kind === 'sampled') {
      compareAtSampledPoint(a, g);
      return null;
    }
    if (g.kind === 'value') assert.equal(a.outputName, g.output, 'output');
    assertClose(a.value ?? NaN, g.value, 'value');
    compareGradient(a, g);
    if (g.claim) compareClaim(a, g.claim);
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

/** An ordinary block lists exactly the leaves it depends on (SPEC §4: "every leaf the output depends
 *  on", an earlier block's definition is not a leaf). A derivative lists no foreign name, and may
 *  leave out a leaf its value does not depend on (zero in the golden). */
function compareGradient(a: BlockAnalysis, g: GoldenBlock): void {
  const got = Object.keys(a.gradient).sort();
  const want = Object.keys(g.gradient).sort();
  const extra = got.filter((k) => !(k in g.gradient));
  const missing = want.filter((k) => !(k in a.gradient) && (g.kind === 'value' || !isZero(g.gradient[k])));
  if (extra.length > 0 || missing.length > 0) {
    assert.fail(`gradient lists [${got.join(', ')}], PyTorch's leaves are [${want.join(', ')}]`
      + (extra.length > 0 ? `; not leaves: ${extra.join(', ')}` : '') + (missing.length > 0 ? `; missing: ${missing.join(', ')}` : ''));
  }
  for (const k of got) assertClose(a.gradient[k], g.gradient[k], `∂/∂${k}`);
}

/** A cycle is a clear error naming the names in it (SPEC §3). */
function cycleDisagreement(a: BlockAnalysis, names: string[]): string | null {
  if (a.status !== 'error') return `status ${describeBlock(a)}, expected an error naming ${names.join(', ')}`;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const unnamed = names.filter((n) => !new RegExp(`(^|[^A-Za-z\\\\])${escape(n)}($|[^A-Za-z])`).test(a.message ?? ''));
  return unnamed.length === 0 ? null : `the error "${a.message}" does not name ${unnamed.join(', ')}`;
}

/** A point the note leaves open: the input must be sampled with the shape the note implies, and the
 *  value is PyTorch's affine map of the derivative applied to the sampled value. */
function compareAtSampledPoint(a: BlockAnalysis, g: GoldenBlock): void {
  const input = a.inputs.find((i) => i.name === g.input);
  assert.ok(input, `no input ${g.input} among ${a.inputs.map((i) => i.name).join(', ')}`);
  assert.ok(input.sampled, `${g.input} is not sampled`);
  assert.deepEqual(input.value.shape, g.shape, `${g.input} is sampled with shape (${input.value.shape.join(', ')}), the note implies (${g.shape!.join(', ')})`);
  const x = flat(input.value.toNested());
  const expected = g.A!.map((row, i) => row.reduce((s, aij, j) => s + aij * x[j], g.c![i]));
  assertClose(a.value ?? NaN, expected, `value at the sampled ${g.input}`);
}

function compareClaim(a: BlockAnalysis, want: NonNullable<GoldenBlock['claim']>): void {
  assert.equal(a.claims.length, 1, `${a.claims.length} claims`);
  const [c] = a.claims;
  assert.equal(c.holds, want.holds, `claim ${c.claim}: holds ${c.holds}, PyTorch says ${want.holds} (autodiff ${JSON.stringify(c.autodiff)}, yours ${JSON.stringify(c.yours)})`);
  assertClose(c.autodiff, want.autodiff, 'claim: autodiff');
  assertClose(c.yours, want.yours, 'claim: yours');
}

function goldenKey(note: string, g: GoldenBlock): string {
  return `${note} › ${g.fragment}`;
}

describe('multi-block note corpus against PyTorch', () => {
  it('has at least 40 notes with a model, a loss and claims', () => {
    const blocks = goldens.notes.flatMap((n) => n.blocks);
    assert.ok(goldens.notes.length >= 40, `${goldens.notes.length} notes`);
    assert.ok(blocks.filter((b) => b.claim).length >= 20, 'claims');
  });

  it('lists as known wrong only blocks of the corpus', () => {
    const keys = new Set(goldens.notes.flatMap((n) => n.blocks.map((g) => goldenKey(n.note, g))));
    for (const key of Object.keys(KNOWN_WRONG)) assert.ok(keys.has(key), `KNOWN_WRONG names no golden block: ${key}`);
  });

  for (const { note, blocks: golden } of goldens.notes) {
    describe(note, () => {
      let analysed: BlockAnalysis[] = [];
      before(() => {
        analysed = analyzeMarkdown(readFileSync(join(CORPUS, 'notes', note), 'utf8'), `file:///corpus/notes/${note}`);
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
