// The public surface of the engine (Contract 1 of DEVELOPERS.md).
export { NDArray, broadcastShapes } from './ndarray';
export type { Shape, Nested } from './ndarray';
export { formatShape, shapeSize, sameShape, stridesOf } from './shape';
export { ShapeError, ArgumentError, DomainError } from './errors';
export { Tensor, variable, constant, makeOp } from './tensor';
export type { Op, TensorLike } from './tensor';
export { topoSort } from './graph';
export * from './ops';
export { grad, reverseTrace, valueTrace, nodeToGradAfter } from './autodiff';
export { gradValues } from './grad-values';
export type { PartialAdjoint, ReverseStep, ReverseTrace, Trace, TraceEdge, TraceStep, ValueTrace } from './autodiff';
export { jvp, forwardTangents } from './forward';
export { gradcheck, gradcheckSync, blameNodes } from './gradcheck';
export type { GradcheckOptions, InputCheck, NodeBlame, GradcheckReport } from './gradcheck';
export * from './symbolic';
export { ScalarTape, type TapeVar } from './tape/scalar-tape';
export { recordScalarTape, type RecordedTape } from './tape/record';
export { seededRandom, normalVector, type Rng } from './random';
