// Line helpers over the raw document text. Lines end at "\n", "\r\n" or a lone "\r";
// every position is a UTF-16 offset into the original text, so CRLF files need no conversion.

/** Offset of the line terminator (or text.length) of the line containing `pos`. */
export function lineEndAt(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** Offset just past the terminator that starts at `lineEnd`. */
export function nextLineStart(text: string, lineEnd: number): number {
  if (lineEnd >= text.length) return text.length;
  if (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10) return lineEnd + 2;
  return lineEnd + 1;
}

export function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text[i])) return false;
  return true;
}

/** Width of the leading whitespace of a line, a tab counting as 4 columns. */
export function indentWidth(text: string, start: number, end: number): number {
  let width = 0;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === ' ') width++;
    else if (c === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** Trims whitespace off both ends of [start, end) and returns the trimmed range. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return { start, end };
}
