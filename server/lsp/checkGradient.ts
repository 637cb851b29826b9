// adjoint/checkGradient: central differences against autodiff (SPEC §5), reporting
// `$/progress` on the request's workDoneToken and stopping when the request is cancelled.
import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { GradcheckReport } from '../../engine';
import { checkBlock, stepNote, type BlockAnalysis, type Settings } from '../analysis';
import type { CheckResult } from '../protocol';
import { rangeOf } from './diagnostics';
import { isEvaluable } from './evaluable';

export type CheckProgress = (done: number, total: number) => void;

export async function checkGradient(
  document: TextDocument, a: BlockAnalysis, settings: Settings,
  onProgress: CheckProgress, signal: { readonly cancelled: boolean },
): Promise<CheckResult> {
  if (!isEvaluable(a)) return notCheckable(document, a, a.message ?? 'this block has no inputs to differentiate');
  return toResult(document, a, await checkBlock(a, settings, onProgress, signal));
}

/** Runs a check under the client's progress bar (`$/progress` on the request's workDoneToken). */
export async function withProgressBar<R>(progress: WorkDoneProgressReporter, run: (onProgress: CheckProgress) => Promise<R>): Promise<R> {
  progress.begin('Adjoint: checking gradient', 0, undefined, true);
  let lastPercent = -1;
  try {
    return await run((done, total) => {
      const percent = total > 0 ? Math.floor((100 * done) / total) : 0;
      if (percent !== lastPercent) { lastPercent = percent; progress.report(percent, `${done}/${total} evaluations`); }
    });
  } finally {
    progress.done();
  }
}

/** The request's cancellation as the engine's check reads it. */
export function signalOf(token: CancellationToken): { readonly cancelled: boolean } {
  return { get cancelled() { return token.isCancellationRequested; } };
}

function notCheckable(document: TextDocument, a: BlockAnalysis, message: string): CheckResult {
  return { uri: document.uri, blockIndex: a.block.index, passed: false, cancelled: false, inputs: [], maxAbsError: 0, maxRelError: 0, summary: `cannot check: ${message}`, message };
}

function toResult(document: TextDocument, a: BlockAnalysis, r: GradcheckReport): CheckResult {
  const blamed = r.blame ? a.graph.node(r.blame.node.id) : undefined;
  return {
    uri: document.uri,
    blockIndex: a.block.index,
    passed: r.passed,
    cancelled: r.cancelled,
    inputs: r.inputs.map((i) => ({ ...i })),
    maxAbsError: r.maxAbsError,
    maxRelError: r.maxRelError,
    blame: r.blame ? {
      label: blamed?.label ?? r.blame.node.label ?? r.blame.op,
      op: r.blame.op,
      range: blamed?.span ? rangeOf(document, blamed.span) : undefined,
      maxAbsError: r.blame.maxAbsError,
      reason: r.blame.reason,
    } : undefined,
    summary: summaryOf(r, blamed?.label ?? r.blame?.node.label),
    message: null,
  };
}

/** The CodeLens verdict: "✓ gradient check passed · max rel err 3e-10". */
export function summaryOf(r: Pick<GradcheckReport, 'passed' | 'cancelled' | 'maxRelError' | 'blame' | 'inputs'>, blamedLabel?: string): string {
  if (r.cancelled) return 'gradient check cancelled';
  const err = `max rel err ${shortError(r.maxRelError)}${stepNote(r.inputs)}`;
  if (r.passed) return `✓ gradient check passed · ${err}`;
  const where = r.blame ? ` · at ${blamedLabel ?? r.blame.op}${r.blame.reason ? ` (${r.blame.reason})` : ''}` : '';
  return `✗ gradient check failed · ${err}${where}`;
}

function shortError(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  return x.toExponential(0).replace('e+', 'e');
}
