// adjoint/blocks: every math block with its status, for the client's block picker.
import type { BlockSummary } from '../protocol';
import type { AnalyzedDocument } from './analysisStore';
import { rangeOf } from './diagnostics';
import { blockTitle, isEvaluable } from './evaluable';

export function blockSummaries(analyzed: AnalyzedDocument): BlockSummary[] {
  return analyzed.blocks.map((a) => ({
    index: a.block.index,
    range: rangeOf(analyzed.document, a.block.span),
    title: blockTitle(a),
    status: a.status,
    evaluable: isEvaluable(a),
  }));
}
