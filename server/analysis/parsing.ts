// The two parsers (Contract 2) behind one call per block.
import { parseAnnotation, parseAutodiff, parseLatex, type ParsedAnnotation, type ParsedBlock } from '../parse';
import type { MathBlock } from '../scan/blocks';

export function parseBlockText(block: MathBlock): ParsedBlock {
  return block.syntax === 'latex' ? parseLatex(block.text, block.content.start, boldApart(block)) : parseAutodiff(block.text, block.content.start);
}

/** The block's annotation, its names read as the block's formulas read them. */
export function parseBlockAnnotation(block: MathBlock): ParsedAnnotation | undefined {
  const a = block.annotation;
  return a && parseAnnotation(a.text, a.span.start, boldApart(block));
}

function boldApart(block: MathBlock): ReadonlySet<string> | undefined {
  return block.boldApart && new Set(block.boldApart);
}
