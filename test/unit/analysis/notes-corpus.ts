// The multi-block note corpus (test/corpus/notes, goldens from notes_goldens.py) and how a block is
// compared with its golden: shared by notes-corpus.test.ts and test/corpus/prune-known-wrong.ts.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nested } from '../../../engine';
import type { BlockAnalysis } from '../../../server/analysis';
import { assertClose } from '../goldens/close';
import { analyzeMarkdown, describeBlock, flat } from './helpers';

export interface GoldenBlock {
  kind: 'value' | 'derivative' | 'claim' | 'sampled' | 'error';
  fragment: string;
  /** Character offset of `fragment` in the note: the block whose math contains it is the one. */
  offset: number;
  line: number;
  output?: string;
  value: Nested;
  gradient: Record<string, Nested>;
  claim?: { holds: boolean; autodiff: Nested; yours: Nested };
  /** kind "error": names the message must mention (a cycle's). */
  names?: string[];
  /** kind "sampled": the derivative is A·input + c at whatever value the engine samples for `input`. */
  input?: string;
  shape?: number[];
  A?: number[][];
  c?: number[];
}

export interface GoldenNote { note: string; blocks: GoldenBlock[] }

export const CORPUS = join(__dirname, '..', '..', 'corpus');

export function loadGoldens(): GoldenNote[] {
  return (JSON.parse(readFileSync(join(CORPUS, 'notes-goldens.json'), 'utf8')) as { notes: GoldenNote[] }).notes;
}

/** The note analysed as a user opens it. */
export function analyzeNote(note: string): BlockAnalysis[] {
  return analyzeMarkdown(readFileSync(join(CORPUS, 'notes', note), 'utf8'), `file:///corpus/notes/${note}`);
}

const isZero = (x: Nested): boolean => (Array.isArray(x) ? x.every(isZero) : x === 0);

/** Why a block disagrees with its golden, or null when it agrees. */
export function disagreement(blocks: BlockAnalysis[], g: GoldenBlock): string | null {
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

export function goldenKey(note: string, g: GoldenBlock): string {
  return `${note} › ${g.fragment}`;
}
