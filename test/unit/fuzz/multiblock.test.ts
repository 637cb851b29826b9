// Incremental analysis equals a fresh analysis under the edits that matter between blocks (issue 11):
// on the multi-block notes of test/corpus/notes, change a bound number, rename a name, delete, copy
// or swap blocks, define a name above its readers, and make cycles between blocks or inside one.
// A block reads earlier blocks' definitions, so each of these changes what later blocks compute;
// the cache must notice exactly that. The analysis also has to come back (no hang) on every cycle.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { DocumentAnalyzer, type BlockAnalysis } from '../../../server/analysis';
import { ROOT } from './edits';
import { visible } from './visible';
import { fuzzSeed } from './seed';

const NOTES_DIR = path.join(ROOT, 'test', 'corpus', 'notes');
const NOTES = readdirSync(NOTES_DIR).filter((f) => f.endsWith('.md')).sort()
  .map((name) => ({ name, text: readFileSync(path.join(NOTES_DIR, name), 'utf8') }));

interface Edit { describe: string; apply: (text: string) => string }

/** The display blocks and fences of a note, as [start, end) ranges, annotation included. */
function blocksOf(text: string): Array<[number, number]> {
  const re = /(?:<!--\s*autodiff:[^]*?-->\n)?(?:\$\$[^]*?\$\$|```autodiff\n[^]*?```)/g;
  return [...text.matchAll(re)].map((m) => [m.index!, m.index! + m[0].length]);
}

const pick = <T>(xs: T[], where: number): T | undefined => (xs.length === 0 ? undefined : xs[Math.floor(where * xs.length) % xs.length]);
const splice = (text: string, start: number, end: number, inserted: string) => text.slice(0, start) + inserted + text.slice(end);
const position = fc.double({ min: 0, max: 0.999, noNaN: true });

const NUMBERS = ['0.5', '-1.5', '3', '0', '2.25', '1e3'];
// Bold letters too: a note that writes a letter both bold and plain has two names (server/analysis/bold-names.ts).
const NAMES = ['a', 'b', 'z', 'w', 'x', 'u', 'p', 'h', '\\ell', 'x_1', '\\mathbf{x}', '\\mathbf{w}'];
const DEFINITIONS = [
  '$$\nz = 2 w + 1\n$$\n\n',
  '<!-- autodiff: w = 1.5, x = -0.5 -->\n$$\nu = w x\n$$\n\n',
  'We take $a = 0.25$ here.\n\n',
  '$$\ng(t) = t^2 + a\n$$\n\n',
  '```autodiff\nx = [1.0, 2.0, 3.0]\n```\n\n',
  'The sizes $x$ and $w$ are plain here.\n\n',
  '<!-- autodiff: \\mathbf{w} = [2, 3] -->\n$$\n\\mathbf{x} = \\begin{bmatrix} w_1 \\\\ w_2 \\end{bmatrix}\n$$\n\n',
];
const CYCLES = [
  '$$\np = q + 1, \\quad q = p^2\n$$\n\n',
  '$$\nz = z + 1\n$$\n\n',
  '$$\nr = s + 1\n$$\n\n$$\ns = r^2\n$$\n\n',
  '$$\nf(t) = f(t) + 1\n$$\n\n$$\ny = f(2)\n$$\n\n',
];

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.tuple(position, fc.constantFrom(...NUMBERS)).map(([w, n]): Edit => ({
    describe: `number near ${w.toFixed(3)} becomes ${n}`,
    apply: (t) => {
      const m = pick([...t.matchAll(/-?\d+(?:\.\d+)?/g)], w);
      return m ? splice(t, m.index!, m.index! + m[0].length, n) : t;
    },
  })),
  fc.tuple(position, fc.constantFrom(...NAMES)).map(([w, name]): Edit => ({
    describe: `name near ${w.toFixed(3)} becomes ${name}`,
    apply: (t) => {
      const m = pick([...t.matchAll(/(?<![\\A-Za-z])[a-zA-Z](?![A-Za-z{])/g)], w);
      return m ? splice(t, m.index!, m.index! + 1, name) : t;
    },
  })),
  position.map((w): Edit => ({
    describe: `delete the block near ${w.toFixed(3)}`,
    apply: (t) => { const b = pick(blocksOf(t), w); return b ? splice(t, b[0], b[1], '') : t; },
  })),
  fc.tuple(position, position).map(([w, v]): Edit => ({
    describe: `copy the block near ${w.toFixed(3)} to the block near ${v.toFixed(3)}`,
    apply: (t) => {
      const blocks = blocksOf(t);
      const from = pick(blocks, w);
      const to = pick(blocks, v);
      return from && to ? splice(t, to[0], to[0], `${t.slice(from[0], from[1])}\n\n`) : t;
    },
  })),
  position.map((w): Edit => ({
    describe: `swap the block near ${w.toFixed(3)} with the next one`,
    apply: (t) => {
      const blocks = blocksOf(t);
      const i = Math.floor(w * blocks.length);
      if (i + 1 >= blocks.length) return t;
      const [a, b] = [blocks[i], blocks[i + 1]];
      return t.slice(0, a[0]) + t.slice(b[0], b[1]) + t.slice(a[1], b[0]) + t.slice(a[0], a[1]) + t.slice(b[1]);
    },
  })),
  fc.tuple(position, fc.constantFrom(...DEFINITIONS, ...CYCLES)).map(([w, inserted]): Edit => ({
    describe: `insert ${JSON.stringify(inserted.trim())} before the block near ${w.toFixed(3)}`,
    apply: (t) => { const b = pick(blocksOf(t), w); return splice(t, b?.[0] ?? t.length, b?.[0] ?? t.length, inserted); },
  })),
);

describe('fuzz: multi-block notes, incremental against fresh analysis', function () {
  this.timeout(120_000);

  it('has the corpus notes to edit', () => {
    assert.ok(NOTES.length >= 40, `${NOTES.length} notes in ${NOTES_DIR}`);
  });

  it('gives the same analysis after random edits between blocks, and returns on cycles', () => {
    const analyzers = new Map<string, DocumentAnalyzer>();
    fc.assert(fc.property(fc.constantFrom(...NOTES), fc.array(editArb, { minLength: 1, maxLength: 4 }), (note, edits) => {
      const uri = `file:///fuzz/notes/${note.name}`;
      const incremental = analyzers.get(uri) ?? new DocumentAnalyzer();
      analyzers.set(uri, incremental);
      // From the intact note each time, so that every sequence starts from a warm, known cache.
      incremental.analyze(uri, note.text, 'markdown');
      let text = note.text;
      for (const edit of edits) {
        text = edit.apply(text);
        const fresh = new DocumentAnalyzer().analyze(uri, text, 'markdown');
        assert.equal(visible(incremental.analyze(uri, text, 'markdown')), visible(fresh),
          `${note.name}: incremental and fresh analyses differ after: ${edits.map((e) => e.describe).join('; ')}`);
      }
    }), { numRuns: 150, seed: fuzzSeed(23) });
  });

  it('a function body from an earlier block leaves no stale spans in its caller after an edit above', () => {
    const note = 'Recall $\\sigma(z) = 1/(1 + e^{-z})$.\n\n<!-- autodiff: u = -0.5 -->\n$$\nq = \\sigma(u)\n$$\n';
    const edited = note.replace('<!--', 'Some more words.\n\n<!--');
    const uri = 'file:///fuzz/notes/foreign-spans.md';
    const incremental = new DocumentAnalyzer();
    incremental.analyze(uri, note, 'markdown');
    assert.equal(visible(incremental.analyze(uri, edited, 'markdown')), visible(new DocumentAnalyzer().analyze(uri, edited, 'markdown')));
  });

  it('re-analyses a block whose upstream definition kept its value though what it reads changed', () => {
    // H's value stays 0 when z becomes defined above it, so the derivative block below is served from
    // the cache, still saying z is sampled; a fresh analysis says z comes from the earlier block.
    const note = '$$\nH = \\max(0, -z)\n$$\n\n$$\n\\frac{\\partial H}{\\partial z}\n$$\n';
    const edited = `$$\nz = 3\n$$\n\n${note}`;
    const uri = 'file:///fuzz/notes/stale-reuse.md';
    const incremental = new DocumentAnalyzer();
    incremental.analyze(uri, note, 'markdown');
    const sources = (blocks: BlockAnalysis[]) => blocks.map((b) => b.inputs.map((i) => `${i.name}:${i.source}`).join(' '));
    assert.deepEqual(sources(incremental.analyze(uri, edited, 'markdown')), sources(new DocumentAnalyzer().analyze(uri, edited, 'markdown')));
  });

  it('a claim below names an earlier block\'s where-clause by its text after an edit above moved it', () => {
    // Found by this fuzzer (seed -1187265230): the pathway message quoted the where-clause's old span
    // out of the new text ("the path through v = ) + y").
    const note = '<!-- autodiff: x = 0.7, y = 1.3 -->\n$$\nf = u v \\quad \\text{where} \\quad u = \\sin(x) + y, \\quad v = x y^2\n$$\n\n'
      + '$$\n\\frac{\\partial f}{\\partial x} = \\cos(x) v + u y^{0.5}\n$$\n';
    const edited = `$$\nz = 2 w + 1\n$$\n${note}`;
    const uri = 'file:///fuzz/notes/moved-where.md';
    const incremental = new DocumentAnalyzer();
    incremental.analyze(uri, note, 'markdown');
    const messages = (blocks: BlockAnalysis[]) => blocks.flatMap((b) => b.problems.map((p) => p.message));
    const after = messages(incremental.analyze(uri, edited, 'markdown'));
    assert.deepEqual(after, messages(new DocumentAnalyzer().analyze(uri, edited, 'markdown')));
    assert.match(after.join('\n'), /the path through v = x y\^2/);
  });
});
