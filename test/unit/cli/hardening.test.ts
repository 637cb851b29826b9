// The CLI reads only regular text files up to a size limit, says why it refuses one in a sentence,
// and checks every readable file before the exit status reports the unreadable ones.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../server/cli/run';

async function run(args: string[]) {
  let out = '', err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

describe('CLI: hostile files', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'adjoint-cli-hardening-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  const good = () => {
    const path = join(dir, 'good.md');
    writeFileSync(path, '<!-- autodiff: x = 2 -->\n$$ y = x^2 $$\n');
    return path;
  };

  it('checks every readable file before exiting 2 for the unreadable one', async () => {
    const r = await run(['check', good(), join(dir, 'missing.md')]);
    assert.equal(r.code, 2);
    assert.match(r.out, /good\.md/);
    assert.match(r.out, /1 checked · 0 failed/);
    assert.match(r.err, /cannot read .*missing\.md: no such file/);
  });

  it('refuses a file above the size limit, with the sizes; --max-size raises it', async () => {
    const big = join(dir, 'big.md');
    writeFileSync(big, '$$ y = 1 $$\n' + ' '.repeat(2_100_000));
    const refused = await run(['eval', big, '--max-size=2']);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /refusing .*big\.md: it is 2\.1 MB, above the limit of 2 MB \(raise it with --max-size=MB\)/);
    assert.equal((await run(['eval', big, '--max-size=3'])).code, 0);
    assert.match((await run(['eval', big, '--max-size=abc'])).err, /--max-size wants a number of megabytes/);
  });

  it('refuses a binary file', async () => {
    const bin = join(dir, 'prog.md');
    writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0x24, 0x24, 0x78, 0x24, 0x24]));
    const r = await run(['eval', bin]);
    assert.equal(r.code, 2);
    assert.match(r.err, /looks like a binary file/);
  });

  it('refuses a FIFO at once instead of blocking', async function () {
    const fifo = join(dir, 'pipe.md');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip(); // mkfifo is not available on this system
    const r = await run(['eval', fifo]);
    assert.equal(r.code, 2);
    assert.match(r.err, /pipe \(FIFO\), not a regular file/);
  });

  it('refuses /dev/zero (a device) instead of reading forever', async function () {
    if (!existsSync('/dev/zero')) this.skip(); // no /dev/zero on this system
    const r = await run(['eval', '/dev/zero']);
    assert.equal(r.code, 2);
    assert.match(r.err, /device, not a regular file/);
  });

  it('says "permission denied", not a raw EACCES', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads every file: permissions cannot be denied
    const locked = join(dir, 'locked.md');
    writeFileSync(locked, '$$ y = 1 $$\n');
    chmodSync(locked, 0o000);
    const r = await run(['eval', locked]);
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot read .*locked\.md: permission denied/);
    assert.doesNotMatch(r.err, /EACCES/);
  });
});
