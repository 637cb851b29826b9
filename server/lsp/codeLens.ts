// CodeLens above each evaluable block (Check gradient · Show graph · Show trace), the last
// check's verdict, and above a derivation claim whether it matches autodiff. Inline math in prose
// never gets a lens (SPEC §6): a row of actions over every `$x_i$` buries the paragraph; its
// commands stay in the palette and its claims' verdicts in hover and diagnostics.
import type { CodeLens } from 'vscode-languageserver';
import type { ClaimResult } from '../analysis';
import { Commands, type BlockRef } from '../protocol';
import type { AnalyzedDocument } from './analysisStore';
import type { CheckResults } from './checkResults';
import { claimLensTitle } from './claims';
import { isEvaluable } from './evaluable';

export function codeLenses(analyzed: AnalyzedDocument, checks: CheckResults): CodeLens[] {
  const { document, blocks } = analyzed;
  const lenses: CodeLens[] = [];
  for (const a of blocks) {
    if (a.block.kind === 'inline') continue;
    const start = document.positionAt(a.block.span.start);
    const range = { start, end: start };
    if (isEvaluable(a)) {
      const ref: BlockRef = { uri: document.uri, blockIndex: a.block.index };
      const verdict = checks.lookup(document.uri, a.block.index, a.block.text);
      if (verdict) lenses.push({ range, command: { title: verdict.summary, command: Commands.checkGradient, arguments: [ref] } });
      lenses.push({ range, command: { title: 'Check gradient', command: Commands.checkGradient, arguments: [ref] } });
      lenses.push({ range, command: { title: 'Show graph', command: Commands.showGraph, arguments: [ref] } });
      lenses.push({ range, command: { title: 'Show trace', command: Commands.showTrace, arguments: [ref] } });
    }
    for (const claim of a.claims) lenses.push(claimLens(document.positionAt(claim.span.start), claim));
  }
  return lenses;
}

function claimLens(start: { line: number; character: number }, claim: ClaimResult): CodeLens {
  const title = claimLensTitle(claim);
  // The lens only reports; an empty command id makes it plain text in VS Code.
  return { range: { start, end: start }, command: { title, command: '' } };
}
