// parseLatex (Contract 2): never throws, never reports a ParseError for math it merely does not
// support. Only broken braces are errors; everything else unreadable is `unsupported`.
import type { ParsedBlock } from '../ast';
import { LatexParser } from './parser';
import { parseStatements } from './statements';
import { tokenizeLatex } from './tokens';

/** `boldApart`: the letters whose bold form is a name of its own in this note (LatexParser). */
export function parseLatex(text: string, offset: number, boldApart?: ReadonlySet<string>): ParsedBlock {
  const whole = { start: offset, end: offset + text.length };
  try {
    const { tokens, unbalanced } = tokenizeLatex(text, offset);
    if (unbalanced) {
      const span = { start: unbalanced.start, end: unbalanced.end };
      return { syntax: 'latex', statements: [], errors: [{ span, message: unbalanced.message }], unsupported: { span, reason: unbalanced.message } };
    }
    const { statements, unsupported } = parseStatements(new LatexParser(tokens, text, offset, boldApart));
    const block: ParsedBlock = { syntax: 'latex', statements, errors: [] };
    if (unsupported) block.unsupported = unsupported;
    return block;
  } catch (error) {
    // A parser bug must not take the server down: the block is then simply not evaluable.
    return { syntax: 'latex', statements: [], errors: [], unsupported: { span: whole, reason: `internal parser error: ${String(error)}` } };
  }
}

// Annotations name LaTeX names, so they are offered here too (server/parse/annotation.ts).
export { parseAnnotation } from '../annotation';
