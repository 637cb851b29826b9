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

/** Diagnostics listed per block and per document; past them one more says how many were left out. */
export const MAX_PER_BLOCK = 50;
export const MAX_PER_DOCUMENT = 500;

export function diagnostics(analyzed: AnalyzedDocument): Diagnostic[] {
  const { document, blocks } = analyzed;
  const out: Diagnostic[] = [];
  for (const a of blocks) {
    if (a.status === 'not-evaluable') continue;
    const problems = a.problems.slice(0, MAX_PER_BLOCK);
    for (const p of problems) {
      out.push({ range: rangeOf(document, p.span), message: p.message, severity: severityOf[p.severity], source: SOURCE });
    }
    const left = a.problems.length - problems.length;
    if (left > 0) {
      const next = a.problems[problems.length];
      out.push({ range: rangeOf(document, next.span), message: `and ${left} more problems in this block`, severity: severityOf[next.severity], source: SOURCE });
    }
    if (a.status === 'error' && a.problems.length === 0) {
      out.push({ range: rangeOf(document, a.block.content), message: a.message ?? 'this block cannot be evaluated', severity: DiagnosticSeverity.Error, source: SOURCE });
    }
    if (a.status === 'ok') out.push(...sampledHints(document, a));
  }
  if (out.length <= MAX_PER_DOCUMENT) return out;
  const kept = out.slice(0, MAX_PER_DOCUMENT - 1);
  const next = out[kept.length];
  kept.push({ ...next, message: `and ${out.length - kept.length} more diagnostics in this document`, code: undefined, data: undefined });
  return kept;
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
