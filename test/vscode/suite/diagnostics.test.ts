// Diagnostics reach VS Code (a broken autodiff block is an Error) and the lecture note, full of
// math that is valid but not always evaluable, is never painted red or yellow.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, codeLenses, openFixture, positionOf, waitFor } from './helpers';

const loud = (d: vscode.Diagnostic) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning;
const describeDiagnostic = (d: vscode.Diagnostic) => `${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`;

describe('diagnostics', () => {
  before(activateExtension);

  it('an autodiff block that does not parse gets an Error on its line', async () => {
    const doc = await openFixture('broken-example.md');
    const errors = await waitFor('an Error diagnostic on broken-example.md',
      () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error), (ds) => ds.length > 0);
    const line = positionOf(doc, 'y = (x_1').line;
    assert.ok(errors.some((d) => d.range.start.line === line), `expected an error on line ${line + 1}; got ${errors.map(describeDiagnostic).join('; ')}`);
  });

  it('the lecture note has no Error or Warning', async () => {
    const doc = await openFixture('autodiff-lecture.md');
    // the server has analysed the note once it serves its CodeLenses (its y block is evaluable)
    await waitFor('the CodeLenses of the lecture note', () => codeLenses(doc), (ls) => ls.length > 0);
    // diagnostics are pushed, not asked for: watch them for a while after the analysis
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      const bad = vscode.languages.getDiagnostics(doc.uri).filter(loud);
      assert.deepEqual(bad.map(describeDiagnostic), [], 'the lecture note must not be painted red or yellow');
      await new Promise((r) => setTimeout(r, 250));
    }
  });
});
