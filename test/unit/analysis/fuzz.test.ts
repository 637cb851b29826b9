// Whatever the text, analysis answers: no throw, every block classified (SPEC §9). Random text from a
// math-heavy alphabet, random edits of the lecture note, and pathological nesting.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DocumentAnalyzer } from '../../../server/analysis';
import { OWN_LECTURE_PATH } from '../../lectureNote';
import { fuzzSeed } from '../fuzz/seed';

const STATUSES = new Set(['ok', 'not-evaluable', 'error']);
const lecture = readFileSync(OWN_LECTURE_PATH, 'utf8');
const pieces = ['$', '$$', '\n', '```autodiff\n', '```', '<!-- autodiff: ', '-->', 'x_1', '\\theta', '\\sum_{i=1}^{n}', '\\prod_{j=1}^{3}',
  '\\frac{', '}{', '}', '{', '(', ')', '[', ']', '\\ln', '\\exp', 'e^{', '^', '_', '=', '+', '-', '\\cdot', ' ', '2', '0', '-1', '1e308',
  '\\begin{bmatrix}', '&', '\\\\', '\\end{bmatrix}', 'h_y', 'h(x) = ', 'f(', ',', 'randn(3, 2)', '@', '.T', '[0]', '\\sqrt{', '\\|', '|'];

function analyzeAll(analyzer: DocumentAnalyzer, text: string): void {
  const blocks = analyzer.analyze('file:///fuzz.md', text, 'markdown');
  for (const b of blocks) assert.ok(STATUSES.has(b.status), b.status);
}

describe('analysis never throws', () => {
  it('on random math-like text', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
      analyzeAll(new DocumentAnalyzer(), parts.join(''));
    }), { numRuns: 300, seed: fuzzSeed(42) });
  });

  it('on random edits of the lecture note, analysed incrementally', () => {
    const analyzer = new DocumentAnalyzer();
    fc.assert(fc.property(fc.nat(lecture.length), fc.nat(20), fc.constantFrom(...pieces), (at, removed, inserted) => {
      analyzeAll(analyzer, lecture.slice(0, at) + inserted + lecture.slice(at + removed));
    }), { numRuns: 150, seed: fuzzSeed(7) });
  });

  it('on 10,000 levels of nesting, in LaTeX and autodiff code', () => {
    const deep = '('.repeat(10_000) + 'x' + ')'.repeat(10_000);
    const cases: Array<[string, string[]]> = [
      [`$$y = ${deep}$$`, ['not-evaluable']],
      [`$$y = ${'\\frac{1}{'.repeat(10_000)}$$`, ['not-evaluable']],
      ['```autodiff\ny = ' + deep + '\n```\n', ['error']],
    ];
    for (const [text, allowed] of cases) {
      const blocks = new DocumentAnalyzer().analyze('file:///deep.md', text, 'markdown');
      assert.equal(blocks.length, 1);
      assert.ok(allowed.includes(blocks[0].status), `${blocks[0].status}: ${blocks[0].message}`);
    }
  });
});
