// The two ways evaluating a block can stop. Both carry the span of the construct responsible.
import type { Span } from '../parse/ast';

/** Valid math that cannot be computed (`\lim`, `\approx`, an undefined `f`): a quiet status, never red. */
export class NotEvaluable extends Error {
  constructor(message: string, readonly span?: Span) {
    super(message);
  }
}

/** The block outran settings.deferAfterMs: not a verdict on the math, the background analysis takes it over. */
export class Deferred extends NotEvaluable {}

/** Evaluable math that fails (shape mismatch, `\ln` of a negative, a size limit): an error diagnostic. */
export class EvaluationError extends Error {
  constructor(message: string, readonly span?: Span) {
    super(message);
  }
}

/** A value outside an operation's domain (`\log 0`, a NaN, a division by zero) at values no annotation
 *  set: constants and values the note's text binds. In prose that is a value named in passing (block.ts). */
export class DomainError extends EvaluationError {}

/** Function calls nested too deep (recursion): reported at the outermost call, the one the block wrote. */
export class RecursionError extends EvaluationError {}
