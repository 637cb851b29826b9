// `adjoint eval NB.ipynb` and `adjoint check NB.ipynb` (SPEC §7): blocks carry their cell, lines
// count inside the cell's source, and the cells are one note (bindings cross cells).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../server/cli/run';

const CROSS_CELL = join(__dirname, '..', '..', 'fixtures', 'notebooks', 'cross-cell.ipynb');

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

describe('adjoint CLI on a notebook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adjoint-nb-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('eval --json: cell index, in-cell lines, values bound in earlier cells (SPEC §8 numbers)', async () => {
    const { code, out } = await cli('eval', CROSS_CELL, '--json');
    assert.equal(code, 0);
    const report = JSON.parse(out);
    assert.equal(report.file, CROSS_CELL);
    assert.deepEqual(report.blocks.map((b: { cell: number; line: number; endLine: number }) => [b.cell, b.line, b.endLine]),
      [[0, 3, 3], [2, 2, 4], [3, 2, 4], [4, 1, 3], [5, 1, 1]]);
    const y = report.blocks[1];
    assert.equal(y.output, 'y');
    // x_1 = 2 from cell 0's prose, x_2 = 5 from the cell's annotation: SPEC §8's y and gradient.
    assert.deepEqual(y.inputs, { x_1: { value: 2, sampled: false }, x_2: { value: 5, sampled: false } });
    assert.ok(Math.abs(y.value - 11.652071455223084) < 1e-12);
    assert.ok(Math.abs(y.gradient.x_1 - 5.5) < 1e-12 && Math.abs(y.gradient.x_2 - 1.7163378145367738) < 1e-12);
    // The claim in the CRLF cell 3 is on the cell's line 3 and holds.
    assert.deepEqual(report.blocks[2].claims.map((c: { line: number; holds: boolean }) => [c.line, c.holds]), [[3, true]]);
    // The %%autodiff cell reads x_1 from cell 0; the autodiff-language cell reads u from it.
    assert.equal(report.blocks[3].value, 7);
    assert.equal(report.blocks[4].value, 14);
  });

  it('eval: the table names cells; the output of a code cell is not math', async () => {
    const { code, out } = await cli('eval', CROSS_CELL);
    assert.equal(code, 0);
    assert.match(out, /5 math blocks/);
    assert.match(out, /^cell 2, lines 2–4 · latex · ok: y = 11\.652071/m);
    assert.doesNotMatch(out, /99|w = 1|r = 1/);
  });

  it('check: verdicts name the cell; a wrong claim in a later cell fails with status 1', async () => {
    const ok = await cli('check', CROSS_CELL);
    assert.equal(ok.code, 0);
    assert.match(ok.out, /✓ cell 3, line 3 \\frac\{\\partial y\}\{\\partial x_1\}: matches autodiff/);
    const wrong = write('wrong.ipynb', JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells: [
      { cell_type: 'markdown', metadata: {}, source: ['<!-- autodiff: x = 2 -->\n', '$$y = x^3$$'] },
      { cell_type: 'markdown', metadata: {}, source: ['Hence\n', '$$\\frac{dy}{dx} = 2 x^2$$'] },
    ] }));
    const failed = await cli('check', wrong);
    assert.equal(failed.code, 1);
    assert.match(failed.out, /✗ cell 1, line 2 \\frac\{dy\}\{dx\}: differs/);
  });

  it('a malformed notebook is a clear message and exit status 2, never a crash', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{"cells": [', /bad\.ipynb: not a notebook: invalid JSON/],
      [JSON.stringify({ nbformat: 4, metadata: {} }), /bad\.ipynb: not a notebook: no "cells" list/],
      [JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'markdown', source: { text: '$x$' } }] }), /bad\.ipynb: cell 0: "source" is an object; it must be a string or a list of strings/],
    ];
    for (const [text, message] of cases) {
      const path = write('bad.ipynb', text);
      const { code, out, err } = await cli('eval', path, '--json');
      assert.equal(code, 2, err);
      assert.equal(out, '');
      assert.match(err, message);
      assert.doesNotMatch(err, /internal error|at .*\.ts:\d+/);
    }
  });

  it('an error in a %%autodiff cell is placed inside that cell', async () => {
    const path = write('syntax.ipynb', JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
      { cell_type: 'markdown', metadata: {}, source: '# title' },
      { cell_type: 'code', metadata: {}, outputs: [], source: ['%%autodiff\n', 'a = 1\n', 'b = (a +'] },
    ] }));
    const { out } = await cli('eval', path, '--json');
    const [block] = JSON.parse(out).blocks;
    assert.deepEqual([block.cell, block.line, block.status], [1, 1, 'error']);
    const text = await cli('check', path);
    assert.match(text.out, /✗ cell 1, line 3, col \d+:/);
  });
});
