// The two parsers (Contract 2) behind one call per block.
import { parseAutodiff, parseLatex, type ParsedBlock } from '../parse';
import type { MathBlock } from '../scan/blocks';

export { parseAnnotation } from '../parse';

export function parseBlockText(block: MathBlock): ParsedBlock {
  return block.syntax === 'latex' ? parseLatex(block.text, block.content.start) : parseAutodiff(block.text, block.content.start);
}
