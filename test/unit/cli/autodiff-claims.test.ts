// Autodiff-language claims (`grad(y, x1) == …`) through the CLI: `eval --json` lists them under
// `claims` in SPEC §7's shape, `check` exits 1 on a false one and 0 when all hold, for a ```autodiff
// fence in Markdown and for a .autodiff file.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../server/cli/run';

const LECTURE = ['x1 = 2; x2 = 5', 'y = log(x1) + x1*x2 - sin(x2)'];
const TRUE_CLAIM = 'grad(y, x1) == 1/x1 + x2';
const FALSE_CLAIM = 'grad(y, x1) == x2';

const dir = mkdtempSync(join(tmpdir(), 'adjoint-autodiff-claims-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

const inFence = (claim: string): string[] => ['# Notes', '', '```autodiff', ...LECTURE, claim, '```', ''];

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { out += t; } });
  return { code, out };
}

for (const [kind, lines, claimLine] of [
  ['a .autodiff file', (claim: string) => [...LECTURE, claim], 3],
  ['a ```autodiff fence in Markdown', inFence, 6],
] as const) {
  const ext = kind.startsWith('a .autodiff') ? 'autodiff' : 'md';

  describe(`autodiff-language claims in ${kind}, through the CLI`, () => {
    const good = write(`good.${ext}`, lines(TRUE_CLAIM));
    const bad = write(`bad.${ext}`, lines(FALSE_CLAIM));

    it('eval --json lists a false claim under claims with holds, autodiff, yours and where (SPEC §7)', async () => {
      const { code, out } = await cli('eval', bad, '--json');
      assert.equal(code, 0, out);
      const [block] = JSON.parse(out).blocks;
      assert.equal(block.syntax, 'autodiff');
      assert.equal(block.output, 'y', 'the claim is not the output');
      assert.equal(block.claims.length, 1);
      assert.deepEqual(Object.keys(block.claims[0]).sort(), ['autodiff', 'claim', 'holds', 'line', 'maxError', 'points', 'where', 'yours']);
      assert.deepEqual({ ...block.claims[0], maxError: undefined }, {
        line: claimLine, claim: 'grad(y, x1)', holds: false, autodiff: 5.5, yours: 5, maxError: undefined, points: 5, where: { x1: 2, x2: 5 },
      });
      assert.ok(block.claims[0].maxError >= 0.5, `${block.claims[0].maxError}`);
    });

    it('eval --json lists a true claim as holding, where null', async () => {
      const { out } = await cli('eval', good, '--json');
      const [claim] = JSON.parse(out).blocks[0].claims;
      assert.equal(claim.holds, true);
      assert.equal(claim.where, null);
      assert.equal(claim.autodiff, 5.5);
      assert.equal(claim.points, 5);
    });

    it('check exits 1 on the false claim and says where and which path is missing', async () => {
      const { code, out } = await cli('check', bad);
      assert.equal(code, 1, out);
      assert.ok(out.includes(`✗ line ${claimLine} grad(y, x1): differs at x1 = 2, x2 = 5: yours 5, autodiff 5.5 · your formula lacks the path through log(x1)`), out);
    });

    it('check exits 0 when the claim holds', async () => {
      const { code, out } = await cli('check', good);
      assert.equal(code, 0, out);
      assert.ok(out.includes(`✓ line ${claimLine} grad(y, x1): matches autodiff`), out);
    });
  });
}

describe('a malformed claim through the CLI', () => {
  it('check exits 1 and names the problem', async () => {
    const file = write('malformed.autodiff', [...LECTURE, 'x1 == 2']);
    const { code, out } = await cli('check', file);
    assert.equal(code, 1, out);
    // the place of the error itself, not the first line of the program
    assert.ok(out.includes(`✗ line ${LECTURE.length + 1}, col 1: the left side of '==' must be a derivative grad`), out);
  });
});
