// Every op of the engine. Each function accepts plain numbers for tensor operands (they become constants).
export { add, sub, mul, div, neg, pow } from './arithmetic';
export { exp, log, sin, cos, tan, tanh, sigmoid, relu, abs, sqrt, step, sign } from './unary';
export { maximum, minimum, where } from './select';
export { sum, mean, max, logsumexp, sumToShape } from './reduce';
export type { Axes } from './reduce';
export { softmax, logSoftmax } from './softmax';
export { transpose, reshape, broadcastTo } from './shape';
export { matmul } from './matmul';
export { index, slice, gather } from './indexing';
export type { SliceSpec } from './indexing';
export { stack, concat } from './join';
