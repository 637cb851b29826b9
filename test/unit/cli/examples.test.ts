// The bundled examples behind the README's main command: everything evaluates, every check passes.
import * as assert from 'node:assert/strict';
import { runCli } from '../../../server/cli/run';

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { out += t; } });
  return { code, out };
}

describe('bundled examples', () => {
  it('examples/lecture.md: the features are all there and evaluate', async () => {
    const { code, out } = await cli('eval', 'examples/lecture.md', '--json');
    assert.equal(code, 0);
    const blocks = JSON.parse(out).blocks as Array<{ status: string; output: string | null; syntax: string; value: unknown }>;
    assert.deepEqual(blocks.filter((b) => b.status === 'error'), []);
    const outputs = blocks.filter((b) => b.status === 'ok').map((b) => b.output);
    for (const name of ['y', 'v_7', 'f', '\\ell', 'loss']) assert.ok(outputs.includes(name), `no ok block with output ${name}: ${outputs.join(', ')}`);
    assert.ok(blocks.some((b) => b.syntax === 'autodiff' && b.status === 'ok'), 'an MLP in an autodiff fence');
  });

  it('adjoint check passes on both examples', async () => {
    const { code, out } = await cli('check', 'examples/lecture.md', 'examples/mlp.autodiff');
    assert.equal(code, 0, out);
    assert.doesNotMatch(out, /✗/);
    assert.match(out, /✓ line \d+ grad\(loss, b2\): matches autodiff/, 'the MLP example carries an autodiff-language claim');
  });
});
