// One block, start to finish: parse, bind, evaluate, classify. Never throws: whatever happens
// becomes the block's status and problems, so one failing block never stops the others.
import { variable, type Tensor } from '../../engine';
import type { Expr, ParsedBlock, Span } from '../parse/ast';
import type { MathBlock } from '../scan/blocks';
import { expressionsOf } from './ast-walk';
import { evaluateAnnotation, type AnnotationResult } from './annotation';
import { addClaims } from './claims';
import { UpstreamView, type Entry } from './environment';
import { EvaluationError, NotEvaluable } from './errors';
import { Evaluator } from './evaluator';
import { BlockGraph, resultValues } from './graph-session';
import { parseAnnotation, parseBlockText } from './parsing';
import type { Settings } from './settings';
import type { BlockContext } from './state';
import { runStatements, type BlockRun } from './statements';
import type { BlockAnalysis, Rebuilt, Status } from './types';

export interface BlockJob {
  block: MathBlock;
  uri: string;
  settings: Settings;
  documentText: string;
  /** Everything earlier blocks defined (notebook order). */
  env: ReadonlyMap<string, Entry>;
}

export interface BlockOutcome {
  analysis: BlockAnalysis;
  exports: Entry[];
  /** The upstream names the block read, with what they were bound to: its cache key. */
  used: ReadonlyMap<string, Entry | undefined>;
}

function emptyAnalysis(block: MathBlock): BlockAnalysis {
  return {
    block, status: 'ok', message: null, problems: [], outputName: null, outputId: null, value: null,
    reducedBySum: false, inputs: [], gradient: {}, graph: BlockGraph.none, definitions: [], claims: [],
    rebuild: () => null,
  };
}

function stop(a: BlockAnalysis, status: Status, message: string, span: Span | undefined): void {
  a.status = status;
  a.message = message;
  a.problems.push({ span: span ?? a.block.content, message, severity: status === 'error' ? 'error' : 'hint' });
}

export function analyzeBlock(job: BlockJob): BlockOutcome {
  const { block } = job;
  const analysis = emptyAnalysis(block);
  const upstream = new UpstreamView(job.env);
  const run: BlockRun = { output: null, outputName: null, exports: [], definitions: [] };
  try {
    const annotation = annotationOf(job);
    for (const p of annotation.problems) stop(analysis, 'error', p.message, p.span);
    const parsed = parseBlockText(block);
    if (!classifyParse(parsed, analysis) || analysis.status === 'error') return { analysis, exports: run.exports, used: upstream.used };
    const ctx: BlockContext = {
      uri: job.uri, settings: job.settings, syntax: block.syntax, documentText: job.documentText,
      blockIndex: block.index, upstream, annotation: annotation.values, strict: true,
    };
    const ev = evaluate(ctx, parsed, run, analysis);
    if (analysis.status === 'ok' && run.output) {
      Object.assign(analysis, resultValues(run.output, ev.state));
      analysis.graph = BlockGraph.of(run.output, ev.state);
      analysis.outputId = run.output.id;
      analysis.reducedBySum = run.output.shape.length > 0;
      analysis.outputName = run.outputName;
      analysis.rebuild = rebuilder(ctx, parsed, run.output, ev);
      addClaims(analysis, ev, parsed.statements, run.claims);
    }
  } catch (e) {
    unexpected(e, analysis);
  }
  return { analysis, exports: run.exports, used: upstream.used };
}

function annotationOf(job: BlockJob): AnnotationResult {
  const a = job.block.annotation;
  if (!a) return { values: new Map(), problems: [] };
  return evaluateAnnotation(parseAnnotation(a.text, a.span.start), job.uri, job.settings, job.documentText, job.block.index);
}

/** False when parsing already decided the block (syntax errors, unreadable LaTeX). */
function classifyParse(parsed: ParsedBlock, a: BlockAnalysis): boolean {
  if (parsed.errors.length > 0) {
    // Autodiff code is the user's program: its syntax errors are errors. LaTeX never turns red.
    const status: Status = parsed.syntax === 'autodiff' ? 'error' : 'not-evaluable';
    for (const e of parsed.errors) a.problems.push({ span: e.span, message: e.message, severity: status === 'error' ? 'error' : 'hint' });
    a.status = status;
    a.message = parsed.errors[0].message;
    return false;
  }
  if (parsed.unsupported) {
    stop(a, 'not-evaluable', parsed.unsupported.reason, parsed.unsupported.span);
    return false;
  }
  return true;
}

function allExpressions(parsed: ParsedBlock): Expr[] {
  return parsed.statements.flatMap(expressionsOf);
}

function evaluate(ctx: BlockContext, parsed: ParsedBlock, run: BlockRun, a: BlockAnalysis): Evaluator {
  const ev = new Evaluator(ctx);
  ev.prepare(allExpressions(parsed));
  try {
    runStatements(ev, parsed.statements, run);
    if (!run.output) stop(a, 'not-evaluable', 'nothing to compute', undefined);
  } catch (e) {
    if (e instanceof NotEvaluable) stop(a, 'not-evaluable', e.message, e.span);
    else if (e instanceof EvaluationError) stop(a, 'error', e.message, e.span);
    else throw e;
  } finally {
    a.inputs = [...ev.state.inputs.values()].map((r) => r.binding);
    a.definitions = run.definitions;
  }
  return ev;
}

/** Re-evaluates the block as a function of its differentiable inputs (gradient checks). */
function rebuilder(ctx: BlockContext, parsed: ParsedBlock, output: Tensor, ev: Evaluator): () => Rebuilt {
  const records = [...ev.state.inputs.values()].filter((r) => r.differentiable);
  const frozen = ctx.upstream.frozen();
  const roots = allExpressions(parsed);
  const f = (...xs: Tensor[]): Tensor => {
    // Finite differences pass constants; a derivative in the block still needs leaves it can differentiate.
    const overrides = new Map(records.map((r, i) => [r.binding.name, xs[i].requiresGrad ? xs[i] : variable(xs[i].value, r.binding.name)] as const));
    const again = new Evaluator({ ...ctx, upstream: frozen, overrides, strict: false });
    again.prepare(roots);
    const run: BlockRun = { output: null, outputName: null, exports: [], definitions: [] };
    runStatements(again, parsed.statements, run);
    return run.output!;
  };
  return () => ({ output, inputs: records.map((r) => r.tensor), f });
}

function unexpected(e: unknown, a: BlockAnalysis): void {
  const deep = e instanceof RangeError && /call stack/i.test(e.message);
  if (deep) {
    stop(a, a.block.syntax === 'latex' ? 'not-evaluable' : 'error', 'the expression is nested too deeply to evaluate', undefined);
    return;
  }
  const message = e instanceof Error ? e.message : String(e);
  // A bug of ours must not paint the user's LaTeX red either.
  stop(a, a.block.syntax === 'latex' ? 'not-evaluable' : 'error', `internal error while analysing this block: ${message}`, undefined);
}

