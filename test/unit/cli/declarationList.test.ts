// `x, y \in \mathbb{R}^n` through `adjoint eval --json` (SPEC §3, §7): every listed name gets the
// declared shape and a sampled value of that shape in later blocks; a broken list is reported, not fatal.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentAnalyzer } from '../../../server/analysis';
import { runCli } from '../../../server/cli/run';

const NOTE = [
  '# Shapes', '',
  'Let $x, y \\in \\mathbb{R}^3$ be two vectors and $W, b \\in \\mathbb{R}^{2 \\times 4}$.', '',
  '$$', 's = x^T y', '$$', '',
  '$$', 'q = \\sum_{i=1}^{2} \\sum_{j=1}^{4} W_{ij} b_{ij}', '$$', '',
  'Broken: $u,, v \\in \\mathbb{R}^2$ and $p, \\in \\mathbb{R}$.', '',
  '$$', 't = u + v + p', '$$', '',
].join('\n');

interface Input { value: unknown; sampled: boolean }
interface Block { line: number; status: string; value: unknown; inputs: Record<string, Input>; gradient: Record<string, unknown>; message: string | null }

/** The nested array's shape ([] for a number). */
function shapeOf(v: unknown): number[] {
  return Array.isArray(v) ? [v.length, ...shapeOf(v[0])] : [];
}

function numbers(v: unknown): number[] {
  return Array.isArray(v) ? v.flatMap(numbers) : [v as number];
}

describe('adjoint eval --json: a list of declared names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adjoint-decl-'));
  const note = join(dir, 'shapes.md');
  writeFileSync(note, NOTE);
  after(() => rmSync(dir, { recursive: true, force: true }));
  let blocks: Block[] = [];

  before(async () => {
    let out = '';
    const code = await runCli(['eval', note, '--json'], { out: (t) => { out += t; }, err: () => undefined });
    assert.equal(code, 0);
    blocks = JSON.parse(out).blocks;
  });

  it('declares both x and y (and W and b), saying so', () => {
    const [xy, wb] = blocks;
    assert.equal(xy.status, 'not-evaluable');
    assert.equal(xy.message, 'declares the shape of x and y (3); nothing to compute');
    assert.equal(wb.message, 'declares the shape of W and b (2 × 4); nothing to compute');
  });

  it('samples x and y with the declared shape, marked sampled, and x^T y is their dot product', () => {
    const s = blocks[2];
    assert.equal(s.status, 'ok', s.message ?? '');
    const { x, y } = s.inputs;
    assert.deepEqual([shapeOf(x.value), shapeOf(y.value)], [[3], [3]]);
    assert.deepEqual([x.sampled, y.sampled], [true, true]);
    for (const v of [...numbers(x.value), ...numbers(y.value)]) assert.ok(v >= 0.5 && v < 2, String(v));
    assert.notDeepEqual(x.value, y.value);
    const dot = numbers(x.value).reduce((acc, xi, i) => acc + xi * numbers(y.value)[i], 0);
    assert.ok(Math.abs((s.value as number) - dot) < 1e-12, `${s.value} vs ${dot}`);
    assert.deepEqual(s.gradient.x, y.value);
    assert.deepEqual(s.gradient.y, x.value);
  });

  it('gives W and b the matrix shape 2 × 4', () => {
    const q = blocks[3];
    assert.equal(q.status, 'ok', q.message ?? '');
    assert.deepEqual([shapeOf(q.inputs.W.value), shapeOf(q.inputs.b.value)], [[2, 4], [2, 4]]);
    assert.deepEqual(q.gradient.W, q.inputs.b.value);
  });

  it('reports a broken list with a message and still evaluates what follows', () => {
    const [broken, missing] = [blocks[4], blocks[5]];
    assert.equal(broken.status, 'not-evaluable');
    assert.match(broken.message ?? '', /expected a name after ',' .* found ','/);
    assert.equal(missing.status, 'not-evaluable');
    assert.match(missing.message ?? '', /expected a name after ',' .* found '\\in'/);
    // Nothing was declared: u, v and p are sampled scalars.
    const t = blocks[6];
    assert.equal(t.status, 'ok', t.message ?? '');
    assert.deepEqual(['u', 'v', 'p'].map((n) => shapeOf(t.inputs[n].value)), [[], [], []]);
  });

  it('puts the broken list\'s problem on the characters that break it', () => {
    const analyses = new DocumentAnalyzer().analyze('file:///notes/shapes.md', NOTE, 'markdown');
    const covered = [4, 5].map((i) => analyses[i].problems.map((p) => NOTE.slice(p.span.start, p.span.end)));
    assert.deepEqual(covered, [[',,'], [', \\in']]);
  });
});
