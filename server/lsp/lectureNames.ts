// The lecture's names for a block's nodes, shared by the trace table and the graph panel: the n inputs are
// v_{1−n} … v_0, the other nodes v_1, v_2, … in evaluation order (a node the note names keeps its name), and
// reverse mode's adjoints are v̄ of those names. Printed in Unicode (v₋₁, v̄₃), ops as the lecture writes them.
import { unicodeLabel } from '../../engine/formula/labels';
import type { NodeInfo } from '../analysis';

export interface LectureNumbering {
  /** The nodes in the trace's order: the inputs first, then the others in evaluation order. */
  order: NodeInfo[];
  /** Each node's name, in Unicode: v₋₁, v₀, v₁ … or the note's own (x₁, y). */
  names: Map<number, string>;
}

/**
 * `nodes` in evaluation order. A note that numbers its own nodes (v_1 = x_1, …) keeps its names and order: the
 * inputs keep theirs too, and v_k are only made up for unnamed nodes, skipping the note's.
 */
export function lectureNumbering(nodes: readonly NodeInfo[]): LectureNumbering {
  const evaluated = [...nodes].sort((x, y) => x.id - y.id);
  const taken = new Set(evaluated.map((n) => n.name).filter((x): x is string => x !== undefined));
  const notesOwn = [...taken].some((name) => /^v_/.test(name));
  const inputs = notesOwn ? [] : evaluated.filter((n) => n.op === 'input');
  const latex = new Map<number, string>();
  inputs.forEach((n, i) => latex.set(n.id, vName(i + 1 - inputs.length)));
  const order = [...inputs, ...evaluated.filter((n) => !latex.has(n.id))];
  let k = 1;
  for (const n of order) {
    if (latex.has(n.id)) continue;
    if (n.name) { latex.set(n.id, n.name); continue; }
    while (taken.has(vName(k))) k++;
    latex.set(n.id, vName(k++));
  }
  return { order, names: new Map([...latex].map(([id, name]) => [id, unicodeLabel(name)])) };
}

/** v_0, v_12 (the parser's canonical spelling of v_{12}, so the note's own names are recognised), v_{-1}. */
function vName(k: number): string {
  return k < 0 ? `v_{${k}}` : `v_${k}`;
}

/** The adjoint of a named node: v₃ → v̄₃, y → ȳ, 𝐡 → 𝐡̄. */
export function adjointName(name: string): string {
  const [first, ...rest] = [...name];
  return `${first}\u0304${rest.join('')}`.normalize('NFC');
}

// How the lecture's trace tables write the common ops (by number of operands).
const UNARY: Record<string, (a: string) => string> = { identity: (a) => a, neg: (a) => `−${a}`, log: (a) => `ln(${a})` };
const BINARY: Record<string, string> = { add: '+', sub: '−', mul: '·', div: '/', pow: '^', matmul: '@' };

/** An op applied to operands already written out: `v₋₁ · v₀`, `ln(v₋₁)`, `cos(v₀)`. An operand that is itself
 *  a sum or product of a binary op is parenthesised. */
export function opFormula(op: string, args: readonly string[]): string {
  if (args.length === 1 && UNARY[op]) return UNARY[op](args[0]);
  if (args.length === 2 && BINARY[op]) return args.map(group).join(` ${BINARY[op]} `);
  return `${op}(${args.join(', ')})`;
}

function group(operand: string): string {
  return /\s/.test(operand) && !/^\(.*\)$/.test(operand) ? `(${operand})` : operand;
}
