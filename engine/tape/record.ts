// Recording a Tensor graph of scalars into a ScalarTape, so it can be replayed with new input values
// at the tape's cost (gradcheck evaluates a block twice per checked coordinate) instead of being rebuilt.
import { topoSort } from '../graph';
import { UnaryName, unaryRules } from '../scalar-rules';
import { Tensor } from '../tensor';
import { ScalarTape, TapeVar } from './scalar-tape';

export interface RecordedTape {
  tape: ScalarTape;
  output: TapeVar;
  /** The slots of the recorded inputs, in the order given (for setInput). */
  inputs: TapeVar[];
}

type Emit = (tape: ScalarTape, operands: TapeVar[], node: Tensor) => TapeVar;

// Tensor op name → the tape op with the same math (both take it from scalar-rules.ts).
const EMIT: Record<string, Emit> = {
  add: (t, [a, b]) => t.add(a, b),
  sub: (t, [a, b]) => t.sub(a, b),
  mul: (t, [a, b]) => t.mul(a, b),
  div: (t, [a, b]) => t.div(a, b),
  neg: (t, [a]) => t.neg(a),
  // one input: a number exponent kept in attrs; two: a differentiable exponent
  pow: (t, [a, b], node) => (b === undefined ? t.powConst(a, node.op!.attrs!.exponent as number) : t.pow(a, b)),
  maximum: (t, [a, b]) => t.maximum(a, b),
  minimum: (t, [a, b]) => t.minimum(a, b),
};
// The unary ops: one per rule of scalar-rules.ts, each a tape method of the same name.
for (const name of Object.keys(unaryRules) as UnaryName[]) EMIT[name] = (t, [a]) => t[name](a);

/**
 * The tape of everything `output` depends on, with `inputs` as its changeable leaves (other leaves
 * become constants); or why there is none: a node that is not a scalar, or an op the tape lacks.
 */
export function recordScalarTape(output: Tensor, inputs: readonly Tensor[]): RecordedTape | { reason: string } {
  const order = topoSort([output]);
  for (const node of order) {
    if (node.value.ndim !== 0) return { reason: `${node.op?.name ?? 'a leaf'} has shape [${node.shape.join(', ')}], not a scalar` };
    if (node.op && !Object.hasOwn(EMIT, node.op.name)) return { reason: `the scalar tape has no ${node.op.name} op` };
  }
  const tape = new ScalarTape(order.length + inputs.length);
  const slots = new Map<Tensor, TapeVar>();
  const inputSlots = inputs.map((input) => {
    if (input.value.ndim !== 0) return null;
    const slot = slots.get(input) ?? tape.variable(input.value.first());
    slots.set(input, slot);
    return slot;
  });
  if (inputSlots.includes(null)) return { reason: 'an input is not a scalar' };
  for (const node of order) {
    if (slots.has(node)) continue;
    const slot = node.op === null
      ? tape.constant(node.value.first())
      : EMIT[node.op.name](tape, node.inputs.map((x) => slots.get(x)!), node);
    slots.set(node, slot);
  }
  return { tape, output: slots.get(output)!, inputs: inputSlots as TapeVar[] };
}
