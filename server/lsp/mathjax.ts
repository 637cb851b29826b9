// The symbolic adjoint typeset by MathJax into an SVG data URI for VS Code hovers
// (LaTeX Workshop's approach: fully offline, no webview needed).
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';

type Converter = (latex: string) => string;
let converter: Converter | undefined;

// Built on first use: MathJax's setup costs tens of milliseconds, which activation should not pay.
function getConverter(): Converter {
  if (converter) return converter;
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const html = mathjax.document('', {
    InputJax: new TeX({ packages: ['base', 'ams'] }),
    OutputJax: new SVG({ fontCache: 'none' }),
  });
  converter = (latex: string) => adaptor.innerHTML(html.convert(latex, { display: true }) as never);
  return converter;
}

// An <img> has no theme colour to inherit; a mid grey reads on light and dark themes alike.
const INK = '#888888';

/**
 * Commands of MathJax's base package that reach past typesetting (raw MathML attributes, links, classes,
 * styles, ids, arbitrary characters): a symbolic adjoint never needs them, and its labels come from the document.
 */
const REFUSED_COMMANDS = /\\(mmlToken|href|class|style|cssId|unicode|require|data|html|mathtip|texttip|toggle)(?![a-zA-Z])/;

/** `data:image/svg+xml;base64,…` for the formula, or null when MathJax rejects it (or we refuse a command). */
export function latexToSvgDataUri(latex: string): string | null {
  if (REFUSED_COMMANDS.test(latex)) return null;
  try {
    const svg = getConverter()(latex);
    if (!svg.startsWith('<svg') || svg.includes('data-mjx-error')) return null;
    const coloured = svg.replace(/currentColor/g, INK);
    return `data:image/svg+xml;base64,${Buffer.from(coloured, 'utf8').toString('base64')}`;
  } catch {
    return null;
  }
}
