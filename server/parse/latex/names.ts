// Canonical spelling of names and subscripts, so that `x_{1}` and `x_1` are the same name and
// `x_{12}` reads "x_12" (DEVELOPERS.md, Contract 2).
import { GREEK } from './commands';
import type { LatexToken } from './tokens';

/** The source of tokens [from, to) without spaces, except one after a command that a letter or digit follows. */
export function canonicalText(source: string, offset: number, tokens: LatexToken[], from: number, to: number): string {
  let text = '';
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    const raw = source.slice(t.start - offset, t.end - offset).replace(/\s+/g, ' ').trim();
    const previous = tokens[k - 1];
    if (k > from && previous.kind === 'command' && /^[A-Za-z]+$/.test(previous.value) && /^[A-Za-z0-9]/.test(raw)) text += ' ';
    text += raw;
  }
  return text;
}

/** A subscript as it appears in a canonical name: bare when it is one plain word or command, else braced. */
export function subscriptSuffix(text: string): string {
  return /^(?:[A-Za-z0-9]+|\\[A-Za-z]+)$/.test(text) ? `_${text}` : `_{${text}}`;
}

/** The name a bold letter has in a note that also writes it plain: `h` → `\mathbf{h}`, `\theta` → `\boldsymbol{\theta}`
 *  (the face that prints each bold in MathJax). */
export function boldName(letter: string): string {
  return letter.startsWith('\\') ? `\\boldsymbol{${letter}}` : `\\mathbf{${letter}}`;
}

/** A token that is one letter, as a name: `h`, or `\theta` for a Greek command. Only letters have a bold form apart. */
export function letterOf(t: LatexToken): string | undefined {
  if (t.kind === 'letter') return t.value;
  if (t.kind === 'command' && GREEK.has(t.value)) return `\\${t.value}`;
  return undefined;
}

/** The bold name whose entries a plain subscripted letter can write (`x_i` of `\mathbf{x}`): only for one letter. */
export function boldCounterpart(base: string): string | undefined {
  const letter = /^\p{L}$/u.test(base) || (base.startsWith('\\') && GREEK.has(base.slice(1)));
  return letter ? boldName(base) : undefined;
}
