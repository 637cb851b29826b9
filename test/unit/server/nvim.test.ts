// "Any LSP editor": Debian's Neovim starts `adjoint-language-server --stdio` and prints a hover.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EXAMPLE, pinnedLecture } from './fixtures';
import { buildOnce, positionOf, ROOT } from './lspSession';

function nvimVersion(): string {
  try {
    return execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    throw new Error('nvim is not installed: this test needs Neovim ≥ 0.7 on PATH (Debian: apt-get install neovim)');
  }
}

describe('Neovim as the LSP client', function () {
  this.timeout(120_000);
  before(() => buildOnce());
  let dir: string | null = null;
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('hovers \\ln in the lecture example through adjoint-language-server --stdio', () => {
    assert.match(nvimVersion(), /^NVIM v0\.(7|8|9|\d\d)|^NVIM v[1-9]/);
    dir = mkdtempSync(path.join(tmpdir(), 'adjoint-nvim-'));
    const file = path.join(dir, 'lecture.md');
    const text = pinnedLecture();
    writeFileSync(file, text);
    const at = positionOf(text, EXAMPLE, 0, EXAMPLE.indexOf('\\ln') + 1);
    const run = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${path.join(ROOT, 'test/harness/nvim-hover.lua')}`, file], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 90_000,
      env: { ...process.env, ADJOINT_SERVER: path.join(ROOT, 'bin/adjoint-language-server.js'), ADJOINT_LINE: String(at.line), ADJOINT_CHARACTER: String(at.character) },
    });
    const out = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.status, 0, out);
    const hover = /HOVER-BEGIN\n([\s\S]*?)\nHOVER-END/.exec(run.stdout);
    assert.ok(hover, out);
    const lines = hover[1].split('\n');
    assert.equal(lines[0], '`ln(x₁)` · log');
    assert.ok(lines.includes('- value: `0.69315`'), hover[1]);
  });
});
