// A piece of the note's LaTeX as short Unicode for hovers: `\ln(x_1) + x_1 \cdot x_2` → `ln(x₁) + x₁ · x₂`,
// `(X^\top X)^{-1}` → `(Xᵀ X)⁻¹`, `\frac{\lambda}{2}` → `λ/2`. Names go through the engine's label
// printer (one place for how a name looks); this only adds the operators a sub-expression uses.
import { unicodeLabel } from '../../engine/formula/labels';
import { BOLD_FACES } from '../parse/latex/commands';
import { boldName } from '../parse/latex/names';
import type { MathBlock } from '../scan/blocks';

const SYMBOLS: Record<string, string> = {
  cdot: '·', times: '×', odot: '⊙', otimes: '⊗', top: 'ᵀ', sum: 'Σ', prod: '∏', infty: '∞', pm: '±',
  le: '≤', leq: '≤', ge: '≥', geq: '≥', in: '∈', to: '→', log: 'log', ln: 'ln', exp: 'exp',
};
/** Type faces: the letter is what matters in a short hover line, unless bold makes it another name (`boldApart`). */
const FACES = new Set(['mathbf', 'boldsymbol', 'bm', 'mathit', 'mathcal', 'mathbb', 'mathsf', 'mathtt']);
/** Spacing and sizing commands that print nothing of their own. */
const SILENT = new Set(['left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'displaystyle', 'quad', 'qquad']);

/** How a block's text (a node's name or source) is shown: LaTeX as short Unicode, with the block's bold letters
 *  kept bold where the note writes them apart; code as written. */
export function shownIn(block: MathBlock): (latexOrCode: string) => string {
  if (block.syntax !== 'latex') return (code) => code;
  const boldApart = new Set(block.boldApart);
  return (latex) => sourceUnicode(latex, boldApart);
}

/** `boldApart`: the letters the block's note writes both bold and plain (MathBlock.boldApart): 𝐡 stays bold. */
export function sourceUnicode(latex: string, boldApart?: ReadonlySet<string>): string {
  return unicodeLabel(operators(latex, boldApart)).replace(/-/g, '−').replace(/\s+/g, ' ').trim();
}

/** Rewrites the operators unicodeLabel does not know; names and scripts are left for it. */
function operators(s: string, boldApart?: ReadonlySet<string>): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    const transpose = /^\^(?:\\top\b|\{\\top\}|T\b|\{T\})/.exec(s.slice(i));
    if (transpose) { out += 'ᵀ'; i += transpose[0].length; continue; }
    if (ch !== '\\') { out += ch; i++; continue; }
    const next = s[i + 1] ?? '';
    if (next === '|') { out += '‖'; i += 2; continue; }
    if (',;:! '.includes(next)) { out += ' '; i += 2; continue; }
    if ('{}'.includes(next)) { out += next; i += 2; continue; }
    const name = /^[A-Za-z]+/.exec(s.slice(i + 1))?.[0] ?? '';
    const after = i + 1 + name.length;
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
      const [num, j] = group(s, after);
      const [den, k] = group(s, j);
      out += `${wrap(operators(num, boldApart))}/${wrap(operators(den, boldApart))}`;
      i = k;
    } else if (name === 'sqrt') {
      const [arg, j] = group(s, after);
      out += `√${wrap(operators(arg, boldApart))}`;
      i = j;
    } else if (name === 'text' || name === 'textrm' || name === 'operatorname' || name === 'mathrm') {
      const [arg, j] = group(s, after);
      out += arg;
      i = j;
    } else if (FACES.has(name)) {
      const [arg, j] = group(s, after);
      out += BOLD_FACES.has(name) && boldApart?.has(arg.trim()) ? boldName(arg.trim()) : operators(arg, boldApart);
      i = j;
    } else if (SILENT.has(name)) {
      out += name.startsWith('q') ? ' ' : '';
      i = after;
    } else if (name in SYMBOLS) {
      out += SYMBOLS[name];
      i = after;
    } else {
      out += s.slice(i, after); // a name (\theta, \mathbf{x}, \hat{y}): unicodeLabel spells it
      i = after;
    }
  }
  return out;
}

/** The `{…}` group (or single character) at `start`, skipping spaces: [its text, the index after it]. */
function group(s: string, start: number): [string, number] {
  let i = start;
  while (s[i] === ' ') i++;
  if (s[i] !== '{') return [s[i] ?? '', i + 1];
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '\\') { j++; continue; }
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return [s.slice(i + 1, j), j + 1];
  }
  return [s.slice(i + 1), s.length];
}

/** Parentheses around a numerator or denominator that is more than one term. */
function wrap(t: string): string {
  const trimmed = t.trim();
  return /^[^\s+−\-·×/]+$/.test(trimmed) || /^\(.*\)$/.test(trimmed) ? trimmed : `(${trimmed})`;
}
