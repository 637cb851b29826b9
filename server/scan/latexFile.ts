// Finds math in a LaTeX document: `\[…\]`, `\(…\)`, `$$…$$`, `$…$` and the display environments
// (equation, align, gather, multline, ... starred too). Skips `%` comments, `\verb` and verbatim-like
// environments; `% autodiff: ...` comments are annotations. One left-to-right pass.
import { RawAnnotation, RawBlock, annotationIn } from './annotations';
import { isBlank, lineEndAt } from './text';

const MATH_ENVIRONMENTS = new Set(['equation', 'align', 'gather', 'multline', 'flalign', 'alignat', 'eqnarray', 'displaymath', 'math']);
const VERBATIM_ENVIRONMENTS = new Set(['verbatim', 'lstlisting', 'minted', 'comment', 'Verbatim']);

export interface LatexScan { blocks: RawBlock[]; annotations: RawAnnotation[] }

function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

export function scanLatexDocument(text: string): LatexScan {
  const blocks: RawBlock[] = [];
  const annotations: RawAnnotation[] = [];
  const add = (kind: RawBlock['kind'], start: number, contentStart: number, contentEnd: number, end: number): void => {
    if (!isBlank(text, contentStart, contentEnd)) blocks.push({ kind, span: { start, end }, content: { start: contentStart, end: contentEnd } });
  };
  // A closer that is not found after one position is not found after any later one: remember it,
  // so that thousands of unclosed `\[` cost one search, not one each.
  const missing = new Set<string>();
  const find = (closer: string, from: number): number => {
    if (missing.has(closer)) return -1;
    const at = text.indexOf(closer, from);
    if (at < 0) missing.add(closer);
    return at;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '%') {
      const end = lineEndAt(text, i);
      const annotation = annotationIn(text, i + 1, end, end);
      if (annotation) annotations.push(annotation);
      i = end;
    } else if (c === '\\') {
      i = scanCommand(i);
    } else if (c === '$') {
      i = scanDollar(i);
    } else {
      i++;
    }
  }
  return { blocks, annotations };

  function delimited(kind: RawBlock['kind'], start: number, openLength: number, closer: string): number {
    const close = find(closer, start + openLength);
    if (close < 0) return start + openLength;      // unclosed: not math
    add(kind, start, start + openLength, close, close + closer.length);
    return close + closer.length;
  }

  function scanCommand(start: number): number {
    const next = text[start + 1];
    if (next === '[') return delimited('display', start, 2, '\\]');
    if (next === '(') return delimited('inline', start, 2, '\\)');
    if (!isLetter(next)) return start + 2;          // \$ \% \\ and other one-character commands
    let end = start + 1;
    while (isLetter(text[end])) end++;
    const name = text.slice(start + 1, end);
    if (name === 'verb') {
      const delimiter = text[end];
      const close = delimiter === undefined ? -1 : find(delimiter, end + 1);
      return close < 0 ? end : close + 1;
    }
    if (name !== 'begin') return end;
    const env = /^\s*\{([A-Za-z]+\*?)\}/.exec(text.slice(end, end + 40));
    if (!env) return end;
    const contentStart = end + env[0].length;
    const baseName = env[1].replace(/\*$/, '');
    const endTag = `\\end{${env[1]}}`;
    if (VERBATIM_ENVIRONMENTS.has(baseName)) {
      const close = find(endTag, contentStart);
      return close < 0 ? text.length : close + endTag.length;
    }
    if (!MATH_ENVIRONMENTS.has(baseName)) return contentStart;
    const close = find(endTag, contentStart);
    if (close < 0) return contentStart;
    add('environment', start, contentStart, close, close + endTag.length);
    return close + endTag.length;
  }

  function scanDollar(start: number): number {
    if (text[start + 1] === '$') return delimited('display', start, 2, '$$');
    // Inline math closes at the next unescaped `$` within the paragraph (TeX forbids a blank line).
    for (let j = start + 1; j < text.length; j++) {
      const c = text[j];
      if (c === '\\') { j++; continue; }
      if (c === '$') { add('inline', start, start + 1, j, j + 1); return j + 1; }
      if (c === '\n' && isBlankLineAfter(j)) break;
    }
    return start + 1;
  }

  function isBlankLineAfter(newline: number): boolean {
    const end = lineEndAt(text, newline + 1);
    return isBlank(text, newline + 1, end);
  }
}
