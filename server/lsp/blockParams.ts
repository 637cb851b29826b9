// Resolving the block a custom request names: by index, else the one containing the position.
import type { BlockAnalysis } from '../analysis';
import type { BlockParams } from '../protocol';
import type { AnalyzedDocument } from './analysisStore';
import { blockAt } from './locate';

export function blockFor(analyzed: AnalyzedDocument, params: BlockParams): BlockAnalysis | undefined {
  if (typeof params.blockIndex === 'number') return analyzed.blocks.find((b) => b.block.index === params.blockIndex);
  if (params.position) return blockAt(analyzed.blocks, analyzed.document.offsetAt(params.position));
  return undefined;
}
