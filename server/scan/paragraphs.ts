// Paragraph boundaries for inline math that wraps onto the next line. As in markdown-it-katex (VS
// Code's Markdown preview), inline `$…$` lives in one paragraph's inline text: it may go on over a
// single line break but never past a blank line or a line that starts another block.

/** Block starts the Markdown scanner also looks for (markdown.ts). */
export const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
export const RAW_HTML_OPEN = /^ {0,3}<(pre|script|style|textarea)(?:[\s>]|$)/i;

const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const QUOTE = /^ {0,3}>/;
const TABLE_ROW = /^[ \t]*\|/;
const INTERRUPTS_PARAGRAPH = [
  /^[ \t]*$/,                                       // blank line
  ATX_HEADING,
  /^ {0,3}(?:`{3,}|~{3,})/,                         // fence
  /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){2,}|=+[ \t]*)$/,   // thematic break, setext underline
  LIST_ITEM,
  /^[ \t]*\$\$/,                                    // display math
  /^ {0,3}<!--/,                                    // HTML comment
  RAW_HTML_OPEN,
  // Our own choices: the continuation of a quoted line carries `>` markers that are not math, and a
  // table's cells are separate inline texts.
  QUOTE,
  TABLE_ROW,
];

/** Whether inline math opened on this line may continue on the next: not a heading, not quoted, not a table row. */
export function mayWrap(line: string): boolean {
  return !ATX_HEADING.test(line) && !QUOTE.test(line) && !TABLE_ROW.test(line);
}

/** Whether this line carries on the paragraph of the line before it (rather than ending it or starting a new block). */
export function continuesParagraph(line: string): boolean {
  return !INTERRUPTS_PARAGRAPH.some((pattern) => pattern.test(line));
}
