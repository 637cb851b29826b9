// A block as a program: parsed once, then run as often as needed — for the analysis, for rebuild()
// (gradient checks) and for claims at other points. Every run builds its own graph from the same
// statements and the same names (scope.ts), so all three see one function of the same inputs.
import type { Tensor } from '../../engine';
import type { Stmt } from '../parse/ast';
import type { UpstreamView } from './environment';
import { Evaluator } from './evaluator';
import { Scope } from './scope';
import type { AnnotationValue, BlockContext } from './state';
import { runStatements, type BlockRun } from './statements';

export interface RunOptions {
  /** Inputs (by name) that take these tensors instead of their bound values. */
  overrides?: ReadonlyMap<string, Tensor>;
  /** Domain and finiteness checks: on for the analysis, off at perturbed points. */
  strict: boolean;
}

export interface ProgramRun {
  ev: Evaluator;
  run: BlockRun;
}

export class BlockProgram {
  private analysed = false;

  constructor(
    private readonly ctx: Omit<BlockContext, 'overrides' | 'strict'>,
    readonly statements: Stmt[],
    private readonly annotation: ReadonlyMap<string, AnnotationValue>,
    private readonly upstream: UpstreamView,
  ) {}

  /**
   * Runs every statement; `run.output` is the block's output. Throws NotEvaluable / EvaluationError
   * (with `partial` filled as far as it got). The first run records the upstream names read (the
   * block's cache key); later runs read the same snapshot without recording.
   */
  run(options: RunOptions, partial?: (p: ProgramRun) => void): ProgramRun {
    const first = !this.analysed;
    this.analysed = true;
    const lookup = first ? (name: string) => this.upstream.get(name) : (name: string) => this.upstream.peek(name);
    const scope = new Scope(this.ctx.blockIndex, this.ctx.syntax, this.annotation, lookup, this.statements, this.ctx.documentText);
    const ev = new Evaluator({ ...this.ctx, ...options }, scope);
    const result: ProgramRun = { ev, run: { output: null, outputName: null, exports: [], definitions: [] } };
    partial?.(result);
    try {
      runStatements(ev, this.statements, result.run);
    } finally {
      // Later blocks evaluate this block's definitions in their own runs: those reads are not ours.
      if (first) scope.stopRecording((name) => this.upstream.peek(name));
    }
    return result;
  }
}
