// Diagnostics exactly by status: `error` blocks report their problems; `not-evaluable` math
// stays silent (SPEC: notes never turn red for math we merely do not support); sampled inputs
// get a quiet hint carrying the "Pin sampled values" quick fix.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BlockAnalysis } from '../analysis';
import type { Span } from '../parse/ast';
import type { AnalyzedDocument } from './analysisStore';
import { formatValue } from './format';
import { nameOccurrences, parseBlock } from './locate';

export const SOURCE = 'adjoint';
export const SAMPLED_CODE = 'sampled';

const severityOf = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, hint: DiagnosticSeverity.Hint } as const;

export function diagnostics(analyzed: AnalyzedDocument): Diagnostic[] {
  const { document, blocks } = analyzed;
  const out: Diagnostic[] = [];
  for (const a of blocks) {
    if (a.status === 'not-evaluable') continue;
    for (const p of a.problems) {
      out.push({ range: rangeOf(document, p.span), message: p.message, severity: severityOf[p.severity], source: SOURCE });
    }
    if (a.status === 'error' && a.problems.length === 0) {
      out.push({ range: rangeOf(document, a.block.content), message: a.message ?? 'this block cannot be evaluated', severity: DiagnosticSeverity.Error, source: SOURCE });
    }
    if (a.status === 'ok') out.push(...sampledHints(document, a));
  }
  return out;
}

function sampledHints(document: TextDocument, a: BlockAnalysis): Diagnostic[] {
  const occurrences = nameOccurrences(parseBlock(a.block));
  return a.inputs.filter((b) => b.sampled).map((b) => {
    // `\theta` is used as `\theta_i`: fall back to the first name with that base.
    const first = occurrences.find((o) => o.name === b.name) ?? occurrences.find((o) => o.base === b.name);
    return {
      range: rangeOf(document, first?.span ?? a.block.content),
      message: `${b.name} is sampled (${formatValue(b.value.toNested())})`,
      severity: DiagnosticSeverity.Hint,
      source: SOURCE,
      code: SAMPLED_CODE,
      data: { blockIndex: a.block.index },
    };
  });
}

export function rangeOf(document: TextDocument, span: Span) {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}
