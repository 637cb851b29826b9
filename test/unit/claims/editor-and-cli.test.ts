// Claims outside the analysis: the CodeLens title and hover in the editor, and the CLI's JSON
// (SPEC §7) and `check` exit status.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer } from '../../../server/analysis';
import { runCli } from '../../../server/cli/run';
import { claimLensTitle, withClaimHover } from '../../../server/lsp/claims';
import { display, LECTURE_Y } from './helpers';

const D1 = '\\frac{\\partial y}{\\partial x_1}';
const NOTE = [
  '# Claims', '',
  display([LECTURE_Y, `${D1} = \\frac{1}{x_1} + x_2`], 'x_1 = 2, x_2 = 5'),
  display([LECTURE_Y, `${D1} = x_2`], 'x_1 = 2, x_2 = 5'),
  display([LECTURE_Y, '\\frac{\\partial^2 y}{\\partial x_1^2}'], 'x_1 = 2, x_2 = 5'),
].join('\n');

function analyzed(text: string) {
  const uri = 'file:///notes/claims.md';
  const document = TextDocument.create(uri, 'markdown', 1, text);
  return { document, blocks: new DocumentAnalyzer().analyze(uri, text, 'markdown') };
}

describe('claims in the editor', () => {
  const doc = analyzed(NOTE);

  it('the CodeLens says ✓ matches autodiff, or where it differs with Unicode subscripts', () => {
    assert.equal(claimLensTitle(doc.blocks[0].claims[0]), '✓ matches autodiff');
    assert.equal(claimLensTitle(doc.blocks[1].claims[0]), '✗ differs at x₁ = 2, x₂ = 5: yours 5, autodiff 5.5');
  });

  it('hovering the claim shows the comparison before the node hover', () => {
    const offset = NOTE.indexOf(`${D1} = x_2`) + `${D1} = `.length;
    const params = { textDocument: { uri: doc.document.uri }, position: doc.document.positionAt(offset) };
    const hover = withClaimHover(doc, params, { contents: { kind: 'markdown', value: 'NODE' } });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /^\*\*Claim does not hold\*\*/);
    assert.match(value, /yours: `5`/);
    assert.match(value, /autodiff: `5\.5`/);
    assert.match(value, /lacks the path through/);
    assert.match(value, /NODE$/);
    const outside = withClaimHover(doc, { ...params, position: doc.document.positionAt(0) }, null);
    assert.equal(outside, null);
  });
});

describe('claims in the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adjoint-claims-'));
  const file = join(dir, 'claims.md');
  writeFileSync(file, NOTE);
  after(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (...args: string[]) => {
    let out = '';
    const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { out += t; } });
    return { code, out };
  };

  it('eval --json lists claims exactly in SPEC §7 shape, and a bare derivative is the value', async () => {
    const { code, out } = await run('eval', file, '--json');
    assert.equal(code, 0);
    const report = JSON.parse(out);
    const [good, bad, bare] = report.blocks;
    assert.deepEqual(Object.keys(good.claims[0]).sort(), ['autodiff', 'claim', 'holds', 'line', 'maxError', 'points', 'where', 'yours'].sort());
    assert.equal(good.claims[0].claim, D1);
    assert.equal(good.claims[0].holds, true);
    assert.equal(good.claims[0].where, null);
    assert.equal(good.claims[0].line, NOTE.split('\n').findIndex((l) => l.startsWith(`${D1} = \\frac`)) + 1);
    assert.deepEqual({ ...bad.claims[0], maxError: undefined }, {
      line: NOTE.split('\n').findIndex((l) => l === `${D1} = x_2`) + 1, claim: D1, holds: false,
      autodiff: 5.5, yours: 5, maxError: undefined, points: 5, where: { x_1: 2, x_2: 5 },
    });
    assert.equal(bare.status, 'ok');
    assert.ok(Math.abs(bare.value - -0.25) < 1e-12, `${bare.value}`);
  });

  it('check exits 1 when a claim fails and prints where', async () => {
    const { code, out } = await run('check', file);
    assert.equal(code, 1);
    assert.match(out, /✗ line \d+ \\frac\{\\partial y\}\{\\partial x_1\}: differs at x_1 = 2, x_2 = 5: yours 5, autodiff 5\.5 · your formula lacks the path through \\ln\(x_1\)/);
    assert.match(out, /✓ line \d+ \\frac\{\\partial y\}\{\\partial x_1\}: matches autodiff/);
  });

  it('check exits 0 when every claim holds', async () => {
    const good = join(dir, 'good.md');
    writeFileSync(good, display([LECTURE_Y, `${D1} = \\frac{1}{x_1} + x_2`], 'x_1 = 2, x_2 = 5'));
    assert.equal((await run('check', good)).code, 0);
  });

  it('a claim whose right side reads a name sampled only there is not judged: no ✗ on a random number, exit 0', async () => {
    // c is bound nowhere; z (the softmax of the next block, in real notes) likewise.
    const unbound = join(dir, 'unbound.md');
    writeFileSync(unbound, display(['y = x^2', '\\frac{\\partial y}{\\partial x} = 2 x c'], 'x = 2'));
    const checked = await run('check', unbound);
    assert.equal(checked.code, 0, checked.out);
    assert.match(checked.out, /\? line \d+ \\frac\{\\partial y\}\{\\partial x\}: not checked: c on the right side is sampled and the left side does not depend on it/);
    const json = JSON.parse((await run('eval', unbound, '--json')).out);
    assert.equal(json.blocks[0].claims[0].holds, false);
    assert.equal(json.blocks[0].claims[0].unchecked, 'c on the right side is sampled and the left side does not depend on it');
  });
});

describe('a claim that cannot be judged, in the editor', () => {
  it('the CodeLens says not checked and why, the diagnostic is a hint, the hover says how to fix it', () => {
    const text = display(['y = x^2', `\\frac{\\partial y}{\\partial x} = 2 x c + e_y`], 'x = 2');
    const doc = analyzed(text);
    const [claim] = doc.blocks[0].claims;
    assert.equal(claimLensTitle(claim), '? not checked: c, e_y on the right side are sampled and the left side does not depend on them');
    assert.deepEqual(doc.blocks[0].problems.map((p) => p.severity), ['hint']);
    const offset = text.indexOf('2 x c');
    const hover = withClaimHover(doc, { textDocument: { uri: doc.document.uri }, position: doc.document.positionAt(offset) }, null);
    assert.match((hover?.contents as { value: string }).value, /^\*\*Claim not checked\*\*: .*bind them in an annotation or define them above/i);
  });

  it('a sampled name both sides read is still judged at re-sampled points', () => {
    const doc = analyzed(display(['y = x^2 w', '\\frac{\\partial y}{\\partial x} = 2 x']));
    const [claim] = doc.blocks[0].claims;
    assert.equal(claim.unchecked, undefined);
    assert.equal(claim.holds, false);     // w is sampled, read by y: the claim is judged, and it is wrong
  });
});

