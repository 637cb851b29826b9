// parseAutodiff (Contract 2): never throws; syntax errors are ParseErrors with a range and a message
// that says what was expected, and later statements still parse.
import type { ParsedBlock } from '../ast';
import { AutodiffParser } from './parser';
import { tokenizeAutodiff } from './tokens';

/** Maps a document offset to a 0-based line and UTF-16 character (an LSP Position). */
export type PositionOf = (offset: number) => { line: number; character: number };

/** `positionOf` lets messages name document lines ("opened at line 12, column 5"); without it,
 *  lines are counted within `text`, which is exact for a whole `.autodiff` file (offset 0). */
export function parseAutodiff(text: string, offset: number, positionOf?: PositionOf): ParsedBlock {
  try {
    const { tokens, errors } = tokenizeAutodiff(text, offset);
    const parser = new AutodiffParser(tokens, describePosition(text, offset, positionOf));
    const statements = parser.parseProgram();
    const all = [...errors, ...parser.errors].sort((a, b) => a.span.start - b.span.start);
    return { syntax: 'autodiff', statements, errors: all };
  } catch (error) {
    const span = { start: offset, end: offset + text.length };
    return { syntax: 'autodiff', statements: [], errors: [{ span, message: `internal parser error: ${String(error)}` }] };
  }
}

export function describePosition(text: string, offset: number, positionOf?: PositionOf): (at: number) => string {
  return (at) => {
    if (positionOf) {
      const p = positionOf(at);
      return `line ${p.line + 1}, column ${p.character + 1}`;
    }
    let line = 1, lineStart = 0;
    for (let i = 0; i < at - offset; i++) {
      if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) { line++; lineStart = i + 1; }
    }
    const where = `line ${line}, column ${at - offset - lineStart + 1}`;
    return offset === 0 ? where : `${where} of this block`;
  };
}
