// The `adjoint` CLI: SPEC §8's reference numbers through `eval --json` (SPEC §7's object),
// readable tables, `check` verdicts and exit statuses, usage errors.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../server/cli/run';

const SPEC_NOTE = [
  '# SPEC §8', '',
  '<!-- autodiff: x_1 = 2, x_2 = 5 -->', '$$', 'y = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)', '$$', '',
  '<!-- autodiff: \\theta = [1, 2, 3, 4] -->', '$$', 'f(\\theta) = \\prod_{i=1}^n \\theta_i', '$$', '',
  '<!-- autodiff: h = [1, 2, 3], y = 2 -->', '$$', '\\ell = -h_y + \\log \\sum_{j=1}^n \\exp(h_j)', '$$', '',
  'Sampled:', '', '$$q = z^2$$', '',
  'Not evaluable:', '', '$$a \\approx b$$', '',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'adjoint-cli-'));
const note = join(dir, 'spec.md');
writeFileSync(note, SPEC_NOTE);
// A root hook: the folder serves every suite of this file.
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

function close(actual: unknown, expected: number[], rtol = 1e-12): void {
  const a = ([] as unknown[]).concat(actual).map(Number);
  assert.equal(a.length, expected.length, `${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
  a.forEach((x, i) => assert.ok(Math.abs(x - expected[i]) <= rtol * Math.max(1, Math.abs(expected[i])), `${x} vs ${expected[i]}`));
}

describe('adjoint eval --json', () => {
  it('prints one object with SPEC §8 values and gradients', async () => {
    const { code, out } = await cli('eval', note, '--json');
    assert.equal(code, 0);
    const report = JSON.parse(out);
    assert.equal(report.file, note);
    const [y, f, l, q, rel] = report.blocks;
    assert.deepEqual(Object.keys(y), ['line', 'endLine', 'syntax', 'status', 'output', 'value', 'inputs', 'gradient', 'claims', 'message']);
    assert.deepEqual([y.line, y.endLine, y.syntax, y.status, y.output, y.message], [4, 6, 'latex', 'ok', 'y', null]);
    close(y.value, [11.652071455223084]);
    assert.deepEqual(y.inputs, { x_1: { value: 2, sampled: false }, x_2: { value: 5, sampled: false } });
    close([y.gradient.x_1, y.gradient.x_2], [5.5, 1.7163378145367738]);
    close(f.value, [24]);
    close(f.gradient['\\theta'], [24, 12, 8, 6]);
    close(l.value, [1.40760596444438]);
    close(l.gradient.h, [0.0900305731703805, -0.755271528945202, 0.665240955774822]);
    assert.equal(q.inputs.z.sampled, true);
    close(q.value, [q.inputs.z.value ** 2]);
    assert.equal(rel.status, 'not-evaluable');
    assert.equal(rel.value, null);
    assert.equal(typeof rel.message, 'string');
  });
});

describe('adjoint eval (tables)', () => {
  it('prints per block its lines, status, output value, inputs with (sampled) and the gradient', async () => {
    const { code, out } = await cli('eval', note);
    assert.equal(code, 0);
    assert.match(out, /lines 4–6 · latex · ok: y = 11\.652071/);
    assert.match(out, /x_1 +2 +5\.5/);
    assert.match(out, /z +[0-9.]+ +\(sampled\)/);
    assert.match(out, /not evaluable/);
  });
});

describe('adjoint check', () => {
  it('passes the reference blocks and prints a verdict per block', async () => {
    const { code, out } = await cli('check', note);
    assert.equal(code, 0, out);
    assert.match(out, /✓ line 4 y: gradient check passed · max rel err/);
    assert.equal((out.match(/✓/g) ?? []).length, 4);
  });

  it('exits 1 when a block fails', async () => {
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, '<!-- autodiff: x = -1 -->\n$$y = \\ln(x)$$\n\n$$w = 2 u$$\n');
    const { code, out } = await cli('check', note, bad);
    assert.equal(code, 1);
    assert.match(out, /✗ line 2, col 7: \\ln of a negative number/);
  });

  it('points at the line and column of the error inside a multi-line block', async () => {
    const program = join(dir, 'bad.autodiff');
    writeFileSync(program, 'x = [1, 2, 3]\n# a comment\ny = sum(x)\n  z = x @ [1, 2]\n');
    const checked = await cli('check', program);
    assert.equal(checked.code, 1);
    assert.match(checked.out, /✗ line 4, col 7: matmul: \(3,\) @ \(2,\): inner dimensions 3 and 2 differ/);
    const evaluated = await cli('eval', program);
    assert.match(evaluated.out, /lines 1–4 · autodiff · error at line 4, col 7: matmul/);
    const oneLine = join(dir, 'one-line.md');
    writeFileSync(oneLine, 'text\n\n$$ z = \\frac{1}{0} $$\n');
    assert.match((await cli('eval', oneLine)).out, /line 3 · latex · error at col 8: division by zero at \\frac\{1\}\{0\}/);
  });

  it('names the node that disagrees when a check fails (relu kink at 0)', async () => {
    const kink = join(dir, 'kink.md');
    writeFileSync(kink, '<!-- autodiff: x = 0, w = 2 -->\n$$y = w \\cdot \\operatorname{relu}(x)$$\n');
    const { code, out } = await cli('check', kink);
    assert.equal(code, 1);
    assert.match(out, /✗ line 2 y: gradient check failed for x .*disagreeing node: \\operatorname\{relu\}\(x\) \(relu/);
  });

  it('answers usage errors and missing files with a message and exit status 2', async () => {
    assert.equal((await cli()).code, 2);
    assert.equal((await cli('frob')).code, 2);
    assert.equal((await cli('eval')).code, 2);
    assert.equal((await cli('eval', note, '--yaml')).code, 2);
    const missing = await cli('eval', join(dir, 'nope.md'));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read .*nope\.md: no such file/);
    const help = await cli('--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /adjoint eval FILE \[--json\]/);
  });

  it('runs as a process: exit status and no stack trace', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'check', join(dir, 'nope.md')], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^adjoint: cannot read/);
    assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/);
  });
});
