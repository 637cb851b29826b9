// What the LaTeX subset knows about each command (SPEC §2). The parser only looks names up here.
// Lookups are Maps and Sets: a plain object would answer `'toString' in table` with true.
import type { ProductSymbol } from '../ast';

export const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa',
  'lambda', 'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau', 'upsilon', 'phi', 'varphi',
  'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
  'ell', 'hbar', 'imath', 'jmath',
]);

/** Function commands (`\ln`) and their canonical call names. */
export const FUNCTION_COMMANDS: ReadonlyMap<string, string> = new Map(Object.entries({
  ln: 'log', log: 'log', exp: 'exp', sin: 'sin', cos: 'cos', tan: 'tan', tanh: 'tanh', sinh: 'sinh', cosh: 'cosh',
  arcsin: 'arcsin', arccos: 'arccos', arctan: 'arctan', sqrt: 'sqrt', max: 'max', min: 'min', det: 'det', tr: 'trace',
}));

/** Words written with \operatorname, \mathrm or \text that name a function, and their canonical names. */
export const FUNCTION_WORDS: ReadonlyMap<string, string> = new Map(Object.entries({
  relu: 'relu', ReLU: 'relu', softmax: 'softmax', logsumexp: 'logsumexp', LSE: 'logsumexp', sigmoid: 'sigmoid',
  tanh: 'tanh', exp: 'exp', log: 'log', ln: 'log', sin: 'sin', cos: 'cos', tan: 'tan', sqrt: 'sqrt', abs: 'abs',
  max: 'max', min: 'min', sum: 'sum', mean: 'mean', trace: 'trace', tr: 'trace', diag: 'diag', logsoftmax: 'logSoftmax',
}));

/** Commands that lay out a formula and mean nothing to it: dropped by the tokenizer. */
export const LAYOUT_COMMANDS = new Set([
  ',', ';', ':', '!', ' ', '>', 'displaystyle', 'textstyle', 'scriptstyle', 'scriptscriptstyle', 'limits', 'nolimits',
  'nonumber', 'notag', 'mathstrut', 'strut', 'allowbreak', 'hfill', 'middle',
  'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr', 'bigm', 'Bigm',
]);

/** Font and emphasis wrappers, dropped like layout: the group they wrap stays, and starts where they do
 *  (so `\mathbf{W}^{(1)}` is spanned and shown whole, never as `{W}^{(1)}`). */
export const FACE_COMMANDS = new Set(['mathbf', 'boldsymbol', 'bm', 'pmb', 'mathbfit', 'mathsf', 'mathnormal', 'vec', 'boxed', 'underline', 'bf', 'rm', 'it']);

/** Bold faces: in notes that write bold for vectors and matrices, what they wrap can be a name apart
 *  from the plain letter (`\mathbf{h}` next to a size `h`, server/analysis/bold-names.ts). */
export const BOLD_FACES = new Set(['mathbf', 'boldsymbol', 'bm', 'pmb', 'mathbfit']);

/** Layout commands that also separate two equations written on one line (`a = 1 \quad b = 2`). */
export const SEPARATING_SPACES = new Set(['quad', 'qquad', 'enspace', 'hspace']);

/** Commands whose brace argument is dropped along with them. */
export const DROPPED_WITH_ARGUMENT = new Set(['label', 'tag', 'hspace', 'vspace', 'phantom', 'hphantom', 'vphantom', 'color', 'eqref', 'ref']);

/** Commands whose single brace argument is a word rather than math. */
export const MATH_WORD_STYLES = new Set(['mathrm', 'operatorname', 'mathit', 'mathbb', 'mathcal', 'mathscr', 'mathfrak', 'mathtt']);
export const TEXT_STYLES = new Set(['text', 'textrm', 'textit', 'textbf', 'textsf', 'texttt', 'textnormal', 'mbox', 'hbox', 'emph']);

/** Accents that make a new name (`\hat{y}` is not `y`). */
export const NAME_ACCENTS = new Set(['hat', 'tilde', 'widehat', 'widetilde', 'check', 'breve', 'acute', 'grave', 'mathring']);
/** Accents that the notes use for adjoints and tangents (`\bar{v}`, `\dot{v}`): valid, not evaluable. */
export const ADJOINT_ACCENTS = new Set(['bar', 'overline', 'dot', 'ddot']);

/** Product commands and the product each one writes (SPEC §4; server/analysis/products.ts reads it). */
export const MULTIPLY_COMMANDS: ReadonlyMap<string, ProductSymbol | undefined> = new Map<string, ProductSymbol | undefined>([
  ['cdot', 'dot'], ['bullet', 'dot'], ['times', 'times'], ['ast', undefined],
  ['odot', 'elementwise'], ['circ', 'circ'], ['otimes', 'outer'],
]);
export const DIVIDE_COMMANDS = new Set(['div']);
/** Binary operators that are valid math but not part of the subset. */
export const UNSUPPORTED_OPERATORS = new Set(['oplus', 'pm', 'mp', 'cup', 'cap', 'setminus', 'wedge', 'vee', 'ominus', 'star', 'oslash', 'mid']);

/** Relations between two sides; '=' and ':=' make assignments, the others are not evaluable. */
export const RELATION_COMMANDS: ReadonlyMap<string, string> = new Map(Object.entries({
  approx: '\\approx', le: '\\le', leq: '\\le', ge: '\\ge', geq: '\\ge', neq: '\\neq', ne: '\\neq', sim: '\\sim',
  simeq: '\\simeq', propto: '\\propto', equiv: '\\equiv', to: '\\to', rightarrow: '\\rightarrow', longrightarrow: '\\rightarrow',
  Rightarrow: '\\Rightarrow', implies: '\\Rightarrow', mapsto: '\\mapsto', leftarrow: '\\leftarrow', gets: '\\leftarrow',
  iff: '\\iff', Leftrightarrow: '\\iff', notin: '\\notin', subset: '\\subset', subseteq: '\\subseteq', ll: '\\ll', gg: '\\gg',
  triangleq: '\\triangleq', doteq: '\\doteq', cong: '\\cong', lesssim: '\\lesssim', gtrsim: '\\gtrsim', perp: '\\perp',
  in: '\\in',
}));
export const ASSIGN_COMMANDS = new Set(['coloneqq', 'coloneq', 'defeq']);

/** Commands that start a valid but not evaluable construct, with the reason shown to the user. */
export const UNSUPPORTED_PREFIXES: ReadonlyMap<string, string> = new Map(Object.entries({
  lim: 'limits are not evaluable', limsup: 'limits are not evaluable', liminf: 'limits are not evaluable',
  int: 'integrals are not evaluable', iint: 'integrals are not evaluable', oint: 'integrals are not evaluable',
  sup: 'suprema are not evaluable', inf: 'infima are not evaluable', arg: 'argmax/argmin is not evaluable',
  Pr: 'probabilities are not evaluable', forall: 'quantifiers are not evaluable', exists: 'quantifiers are not evaluable',
}));

/** Symbols that stand for something the engine cannot compute. */
export const UNSUPPORTED_SYMBOLS: ReadonlyMap<string, string> = new Map(Object.entries({
  ldots: 'an ellipsis is not evaluable', cdots: 'an ellipsis is not evaluable', vdots: 'an ellipsis is not evaluable',
  ddots: 'an ellipsis is not evaluable', dots: 'an ellipsis is not evaluable', dotsc: 'an ellipsis is not evaluable',
  infty: 'infinity is not evaluable', emptyset: 'sets are not evaluable', varnothing: 'sets are not evaluable',
  langle: 'inner-product brackets are not evaluable', rangle: 'inner-product brackets are not evaluable',
}));

/** Matrix environments read as an array of rows. */
export const MATRIX_ENVIRONMENTS = new Set(['bmatrix', 'pmatrix', 'matrix', 'Bmatrix', 'smallmatrix']);
/** Environments whose lines are equations (`&` ignored, `\\` separates). */
export const EQUATION_ENVIRONMENTS = new Set(['aligned', 'align', 'align*', 'alignat', 'alignat*', 'gathered', 'gather', 'gather*',
  'split', 'equation', 'equation*', 'multline', 'multline*', 'flalign', 'flalign*', 'eqnarray', 'eqnarray*']);
