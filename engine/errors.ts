// Typed errors of the engine. Messages name the shapes involved so users can act on them.

/** A shape does not fit an operation, e.g. "matmul: (2,3) @ (4,): inner dimensions 3 and 4 differ". */
export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

/** An argument is out of range or of the wrong kind (axis, index, exponent, ...). */
export class ArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgumentError';
  }
}

/** A value outside a function's domain. Ops never throw it (log(-1) is NaN, as in numpy); analysis does. */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DomainError';
  }
}
