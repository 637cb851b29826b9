// The editor features over stdio on the lecture note: hover, inlay hints, CodeLens,
// diagnostics, outline, go to definition, the pin quick fix.
import { strict as assert } from 'node:assert';
import {
  CodeActionRequest, CodeLensRequest, DefinitionRequest, DiagnosticSeverity, DocumentSymbolRequest,
  HoverRequest, InlayHintRequest, type CodeLens, type Diagnostic, type DocumentSymbol, type Hover, type Location, type MarkupContent, type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { Commands } from '../../../server/protocol';
import { EXAMPLE, lecture, pinnedLecture, DY_DX2 } from './fixtures';
import { buildOnce, LspSession, positionOf } from './lspSession';

const PINNED = 'file:///notes/lecture-pinned.md';
const LECTURE = 'file:///notes/lecture.md';
const LITERALS = 'file:///notes/literals.md';

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

function hoverText(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
}

describe('language server features (stdio)', function () {
  this.timeout(120_000);
  let s: LspSession;
  let pinned: string;
  const lectureDiagnostics: { value?: Awaited<ReturnType<LspSession['open']>> } = {};

  before(async () => {
    buildOnce();
    s = await LspSession.start();
    pinned = pinnedLecture();
    await s.open(PINNED, 'markdown', pinned);
    lectureDiagnostics.value = await s.open(LECTURE, 'markdown', lecture());
    await s.open(LITERALS, 'markdown', 'When $k = 1$ and $m = -2$, the half $q = \\frac{1}{2}$.');
  });
  after(async () => { await s?.stop(); });

  const hoverAt = (needle: string, occurrence = 0, delta = 0) =>
    s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: PINNED }, position: positionOf(pinned, needle, occurrence, delta) });

  it('hovering \\ln in the lecture example shows ln 2 and its adjoint', async () => {
    const text = hoverText(await hoverAt(EXAMPLE, 0, EXAMPLE.indexOf('\\ln') + 1));
    const lines = text.split('\n');
    // Readable (issue 14): the sub-expression in short Unicode, the adjoint naming output and node.
    assert.equal(lines[0], '`ln(x₁)` · log');
    assert.ok(lines.includes('- value: `0.69315`'), text);
    assert.ok(lines.includes('- adjoint ∂y/∂(ln(x₁)): `1`'), text);
    // ∂ ln(x₁)/∂x₁ = 1/x₁ = 0.5 at x₁ = 2
    assert.ok(lines.some((l) => l.startsWith('- local partials: ∂(ln(x₁))/∂`x₁` = `0.5`')), text);
  });

  it('hovering x_2 shows its adjoint 1.716…, both pathways and where it was bound', async () => {
    const text = hoverText(await hoverAt(EXAMPLE, 0, EXAMPLE.indexOf('x_2') + 1));
    const lines = text.split('\n');
    assert.equal(lines[0], '`x₂` · input');
    assert.ok(lines.includes('- value: `5`'), text);
    assert.equal(DY_DX2.toFixed(4), '1.7163');
    assert.ok(lines.includes('- adjoint ∂y/∂x₂: `1.7163`'), text);
    // x₂ feeds x₁·x₂ (partial adjoint x₁ = 2) and sin(x₂) (partial adjoint −cos 5 = −0.28366, through the minus)
    const pathways = lines.find((l) => l.startsWith('- partial adjoints:'));
    assert.ok(pathways, text);
    assert.match(pathways, /`2`/);
    assert.match(pathways, /`−0\.28366`/);
    assert.match(pathways, /; sum `1\.7163`$/);
    const annotationLine = pinned.split('\n').findIndex((l) => l.startsWith('<!-- autodiff: x_1 = 2')) + 1;
    assert.ok(lines.includes(`- bound by the annotation on line ${annotationLine}`), text);
  });

  it('hovering a sampled name says it is sampled', async () => {
    const text = hoverText(await s.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: LECTURE }, position: positionOf(lecture(), EXAMPLE, 0, EXAMPLE.indexOf('x_2') + 1),
    }));
    assert.match(text, /^- value: `[0-9.]+` \(sampled\)$/m);
    assert.match(text, /^- sampled: drawn uniformly/m);
  });

  it('hovering prose outside math answers nothing', async () => {
    const h = await hoverAt('numerical error, less efficient');
    assert.equal(h, null);
  });

  it('puts `= 11.652` after the example equation, and `(sampled)` where inputs are sampled', async () => {
    const all = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
    const hints = await s.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: PINNED }, range: all }) ?? [];
    const end = positionOf(pinned, EXAMPLE, 0, EXAMPLE.length);
    const atExample = hints.filter((h) => h.position.line === end.line && h.position.character === end.character);
    assert.deepEqual(atExample.map((h) => h.label), ['= 11.652']);
    const sampledHints = await s.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: LECTURE }, range: all }) ?? [];
    const sampledAtExample = sampledHints.find((h) => h.position.line === positionOf(lecture(), EXAMPLE).line);
    assert.ok(sampledAtExample, 'the unpinned example has a hint');
    assert.match(String(sampledAtExample.label), /^= −?[0-9.]+ \(sampled\)$/);
  });

  it('gives `$k = 1$` in the prose no hint: `= 1` would only repeat the number written there', async () => {
    const all = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
    const hints = await s.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: PINNED }, range: all }) ?? [];
    const kLines = [0, 1].map((occurrence) => positionOf(pinned, '$k = 1$', occurrence).line);
    assert.notEqual(kLines[0], kLines[1], 'the lecture writes $k = 1$ on two lines');
    assert.deepEqual(hints.filter((h) => kLines.includes(h.position.line)).map((h) => h.label), []);
    // A computed right side still gets its value.
    const other = await s.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: LITERALS }, range: all }) ?? [];
    assert.deepEqual(other.map((h) => h.label), ['= 0.5']);
  });

  it('shows Check gradient · Show graph · Show trace above the example block', async () => {
    const lenses: CodeLens[] = await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: PINNED } }) ?? [];
    const blockLine = positionOf(pinned, `$$\n${EXAMPLE}`).line;
    const here = lenses.filter((l) => l.range.start.line === blockLine);
    assert.deepEqual(here.map((l) => l.command?.title), ['Check gradient', 'Show graph', 'Show trace']);
    assert.deepEqual(here.map((l) => l.command?.command), [Commands.checkGradient, Commands.showGraph, Commands.showTrace]);
    const ref = here[0].command!.arguments![0];
    assert.equal(ref.uri, PINNED);
    assert.equal(typeof ref.blockIndex, 'number');
    // a bare binding in prose (`$k = 1$`) has nothing to differentiate: no lens
    const kLine = positionOf(pinned, '$k = 1$').line;
    assert.deepEqual(lenses.filter((l) => l.range.start.line === kLine), []);
  });

  it('never paints the lecture note red: no error or warning diagnostics', () => {
    const loud = (lectureDiagnostics.value ?? []).filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
    assert.deepEqual(loud.map((d) => d.message), []);
  });

  it('flags sampled values with a hint and offers the pin quick fix, whose edit writes the annotation', async () => {
    const text = lecture();
    const diags = lectureDiagnostics.value ?? [];
    const exampleLine = positionOf(text, EXAMPLE).line;
    const sampled = diags.filter((d) => d.range.start.line === exampleLine && d.code === 'sampled');
    assert.deepEqual(sampled.map((d) => messageOf(d).replace(/\(.*\)/, '(…)')), ['x_1 is sampled (…)', 'x_2 is sampled (…)']);
    assert.ok(sampled.every((d) => d.severity === DiagnosticSeverity.Hint));
    const actions = await s.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: LECTURE }, range: sampled[0].range, context: { diagnostics: sampled },
    });
    const pin = (actions ?? []).find((a) => 'title' in a && a.title === 'Pin sampled values');
    assert.ok(pin && 'edit' in pin && pin.edit?.changes, 'a pin action with an edit');
    const edits: TextEdit[] = pin.edit!.changes![LECTURE];
    assert.equal(edits.length, 1);
    const values = sampled.map((d) => Number(/\(([^)]*)\)/.exec(messageOf(d))![1]));
    assert.match(edits[0].newText, /^<!-- autodiff: x_1 = [0-9.]+, x_2 = [0-9.]+ -->\n$/);
    const pinnedValues = [...edits[0].newText.matchAll(/= ([0-9.]+)/g)].map((m) => Number(m[1]));
    // Four significant digits (issue 14): within half a unit of the fourth digit of the sampled value.
    pinnedValues.forEach((v, i) => assert.ok(Math.abs(v - values[i]) <= 5e-4 * Math.abs(values[i]), `pinned ${v} vs sampled ${values[i]}`));
    assert.deepEqual(edits[0].range.start, { line: positionOf(text, `$$\n${EXAMPLE}`).line, character: 0 });
  });

  it('outlines blocks with their defined names', async () => {
    const symbols = await s.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: PINNED } }) as DocumentSymbol[];
    const example = symbols.find((sym) => sym.name === EXAMPLE);
    assert.ok(example, `no symbol named after the example among ${symbols.map((x) => x.name).join(' | ')}`);
    assert.ok(example.children?.some((c) => c.name === 'y'));
    assert.ok(symbols.length >= 10, `only ${symbols.length} blocks`);
  });

  it('goes to the definition of a name in an earlier block', async () => {
    const uri = 'file:///notes/defs.md';
    const text = 'Let $x_1 = 2$ and $x_2 = 5$.\n\n$$\ny = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)\n$$\n';
    await s.open(uri, 'markdown', text);
    const loc = await s.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(text, 'x_2', 1, 1) }) as Location | null;
    assert.ok(loc, 'a definition');
    assert.equal(loc.uri, uri);
    assert.deepEqual(loc.range.start, positionOf(text, 'x_2'));
  });

  it('shows claim verdicts above derivation claims', async () => {
    const uri = 'file:///notes/claims.md';
    const right = '\\frac{\\partial y}{\\partial x_1} = \\frac{1}{x_1} + x_2';
    const wrong = '\\frac{\\partial y}{\\partial x_2} = x_1 + \\cos(x_2)';
    const text = `<!-- autodiff: x_1 = 2, x_2 = 5 -->\n$$\n${EXAMPLE}\n$$\n\n$$\n${right}\n$$\n\n$$\n${wrong}\n$$\n`;
    await s.open(uri, 'markdown', text);
    const lenses = await s.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }) ?? [];
    const titlesAt = (line: number) => lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title);
    assert.deepEqual(titlesAt(positionOf(text, right).line), ['✓ matches autodiff']);
    // yours: x₁ + cos x₂ = 2.2837; autodiff: x₁ − cos x₂ = 1.7163
    const [verdict] = titlesAt(positionOf(text, wrong).line);
    assert.match(String(verdict), /^✗ differs at .*: yours 2\.2837, autodiff 1\.7163$/);
  });
});
