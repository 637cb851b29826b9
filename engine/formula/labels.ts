// How names and numbers look in a formula: leaf labels as written in a note ("x_1", "\theta_i",
// "W^{(1)}") turned into Unicode (x₁, θᵢ, W⁽¹⁾) or kept as LaTeX; numbers trimmed.

export type Style = 'unicode' | 'latex';

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ',
  tau: 'τ', upsilon: 'υ', phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ',
  Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  ell: 'ℓ', nabla: '∇', partial: '∂',
};
const ACCENTS: Record<string, string> = { hat: '\u0302', bar: '\u0304', tilde: '\u0303', dot: '\u0307', ddot: '\u0308', vec: '\u20d7' };
const SUBSCRIPT: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  '+': '₊', '-': '₋', '=': '₌', '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ',
  m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
  'β': 'ᵦ', 'γ': 'ᵧ', 'ρ': 'ᵨ', 'φ': 'ᵩ', 'χ': 'ᵪ', ',': ',',
};
const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', '.': '·', a: 'ᵃ', b: 'ᵇ', c: 'ᶜ', d: 'ᵈ', e: 'ᵉ',
  f: 'ᶠ', g: 'ᵍ', h: 'ʰ', i: 'ⁱ', j: 'ʲ', k: 'ᵏ', l: 'ˡ', m: 'ᵐ', n: 'ⁿ', o: 'ᵒ', p: 'ᵖ', r: 'ʳ', s: 'ˢ',
  t: 'ᵗ', u: 'ᵘ', v: 'ᵛ', w: 'ʷ', x: 'ˣ', y: 'ʸ', z: 'ᶻ', T: 'ᵀ', '*': '*', "'": '′',
};

/** "x_1" → "x₁", "\theta_i" → "θᵢ", "W^{(1)}" → "W⁽¹⁾", "\hat{y}" → "ŷ", "x'" → "x′". */
export function unicodeLabel(label: string): string {
  // NFC: an accent over a letter that has a precomposed form (ŷ) becomes that one character
  return spell(label).normalize('NFC');
}

function spell(label: string): string {
  let out = '';
  let i = 0;
  while (i < label.length) {
    const ch = label[i];
    if (ch === '_' || ch === '^') {
      const [group, next] = readGroup(label, i + 1);
      const inner = spell(group);
      const table = ch === '_' ? SUBSCRIPT : SUPERSCRIPT;
      const mapped = [...inner].map((c) => table[c]);
      out += mapped.every((c) => c !== undefined) ? mapped.join('') : `${ch}${[...inner].length > 1 ? `(${inner})` : inner}`;
      i = next;
    } else if (ch === '\\') {
      const name = /^[A-Za-z]+/.exec(label.slice(i + 1))?.[0] ?? '';
      i += 1 + name.length;
      if (name in ACCENTS) {
        const [group, next] = readGroup(label, i);
        out += spell(group) + ACCENTS[name];
        i = next;
      } else if (name === 'mathbf' || name === 'boldsymbol') {
        // A bold letter is a name apart from the plain one (server/analysis/bold-names.ts): 𝐡, not h.
        const [group, next] = readGroup(label, i);
        out += [...spell(group)].map(boldLetter).join('');
        i = next;
      } else if (name === 'mathrm' || name === 'mathit' || name === 'operatorname') {
        const [group, next] = readGroup(label, i);
        out += spell(group);
        i = next;
      } else {
        out += GREEK[name] ?? name;
      }
    } else if (ch === '{' || ch === '}') {
      i++;
    } else if (ch === "'") {
      out += '′';
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Mathematical bold (U+1D400 on) for Latin and Greek letters; anything else as it is. */
function boldLetter(c: string): string {
  const code = c.codePointAt(0)!;
  if (c >= 'A' && c <= 'Z') return String.fromCodePoint(0x1d400 + code - 65);
  if (c >= 'a' && c <= 'z') return String.fromCodePoint(0x1d41a + code - 97);
  if (code >= 0x391 && code <= 0x3a9 && code !== 0x3a2) return String.fromCodePoint(0x1d6a8 + code - 0x391);
  if (code >= 0x3b1 && code <= 0x3c9) return String.fromCodePoint(0x1d6c2 + code - 0x3b1);
  return c;
}

/** The label as LaTeX: kept as written, except a multi-letter word becomes upright (\mathrm{loss}). */
export function latexLabel(label: string): string {
  const word = /^[A-Za-z]{2,}/.exec(label)?.[0];
  return word ? `\\mathrm{${word}}${label.slice(word.length)}` : label;
}

/** A `{...}` group or a single character (or one \command) starting at `start`; returns [content, next index]. */
function readGroup(s: string, start: number): [string, number] {
  if (s[start] === '{') {
    let depth = 0;
    for (let j = start; j < s.length; j++) {
      if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) return [s.slice(start + 1, j), j + 1];
    }
    return [s.slice(start + 1), s.length];
  }
  if (s[start] === '\\') {
    const name = /^[A-Za-z]+/.exec(s.slice(start + 1))?.[0] ?? '';
    return [s.slice(start, start + 1 + name.length), start + 1 + name.length];
  }
  return [s.slice(start, start + 1), start + 1];
}

/** Integers as integers; others to 6 significant digits, trailing zeros dropped. */
export function formatNumber(v: number, style: Style): string {
  if (Number.isNaN(v)) return style === 'latex' ? '\\mathrm{NaN}' : 'NaN';
  if (!Number.isFinite(v)) return (v < 0 ? (style === 'latex' ? '-' : '−') : '') + (style === 'latex' ? '\\infty' : '∞');
  const abs = Math.abs(v);
  let text = Number.isInteger(v) && abs < 1e15 ? String(abs) : trimZeros(abs.toPrecision(6));
  const exp = /^([\d.]+)e([+-])(\d+)$/.exec(text);
  if (exp) {
    const power = (exp[2] === '-' ? '-' : '') + exp[3];
    text = style === 'latex' ? `${exp[1]} \\times 10^{${power}}` : `${exp[1]}·10${[...power].map((c) => SUPERSCRIPT[c]).join('')}`;
  }
  return (v < 0 ? (style === 'latex' ? '-' : '−') : '') + text;
}

function trimZeros(s: string): string {
  return s.replace(/(\.\d*?)0+(?=$|e)/, '$1').replace(/\.(?=$|e)/, '');
}

/** An exponent as Unicode superscript when every character has one (x², x⁻¹), else undefined. */
export function superscript(text: string): string | undefined {
  const mapped = [...text].map((c) => SUPERSCRIPT[c]);
  return mapped.every((c) => c !== undefined) ? mapped.join('') : undefined;
}
