// Which letters a piece of LaTeX writes bold and which plain, for the note-wide rule that a letter
// written both ways names two things (server/analysis/bold-names.ts).
import { letterOf } from './names';
import { tokenizeLatex, type LatexToken } from './tokens';

export interface LetterFaces {
  /** Letters (`h`, `\theta`) written in a bold face. */
  bold: Set<string>;
  /** Letters written plain as a name of their own. A plain letter with a subscript (`x_i` under a
   *  bold `\mathbf{x}`) is the notes' way to write an entry, and letters inside a subscript are labels
   *  (`\mathbf{W}_{xh}`): neither counts. */
  plain: Set<string>;
}

export function letterFaces(text: string): LetterFaces {
  const faces: LetterFaces = { bold: new Set(), plain: new Set() };
  const { tokens, unbalanced } = tokenizeLatex(text, 0);
  if (unbalanced) return faces;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (isSymbol(t, '_')) { k = endOfScript(tokens, k + 1); continue; }
    const letter = letterOf(t);
    if (letter === undefined) continue;
    if (t.bold) faces.bold.add(letter);
    else if (!isSymbol(tokens[afterDecorations(tokens, k + 1)], '_')) faces.plain.add(letter);
  }
  return faces;
}

function isSymbol(t: LatexToken | undefined, value: string): boolean {
  return t !== undefined && t.kind === 'symbol' && t.value === value;
}

/** The last token of the script argument starting at k (a brace group or one token). */
function endOfScript(tokens: LatexToken[], k: number): number {
  return isSymbol(tokens[k], '{') && tokens[k].partner !== undefined ? tokens[k].partner! : k;
}

/** The index after a name's primes and parenthesised superscripts (`x'`, `x^{(i)}`), which come before its subscript. */
function afterDecorations(tokens: LatexToken[], k: number): number {
  for (;;) {
    if (isSymbol(tokens[k], "'")) { k++; continue; }
    if (isSymbol(tokens[k], '^') && isSymbol(tokens[k + 1], '{') && isSymbol(tokens[k + 2], '(')) { k = endOfScript(tokens, k + 1) + 1; continue; }
    return k;
  }
}
