// One block, start to finish: parse, bind, evaluate, classify. Never throws: whatever happens
// becomes the block's status and problems, so one failing block never stops the others.
import { variable, type Tensor } from '../../engine';
import type { ParsedBlock, Span } from '../parse/ast';
import type { MathBlock } from '../scan/blocks';
import { evaluateAnnotation, type AnnotationResult } from './annotation';
import { addClaims } from './claims';
import { hashText, UpstreamView, type Entry } from './environment';
import { Deferred, DomainError, EvaluationError, NotEvaluable } from './errors';
import { BlockGraph, resultValues } from './graph-session';
import { parseBlockAnnotation, parseBlockText } from './parsing';
import { BlockProgram, type ProgramRun } from './program';
import { integerNames } from './scope';
import { relocateInputs } from './relocate';
import type { Settings } from './settings';
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
  const exports: Entry[] = [];
  try {
    const annotation = annotationOf(job);
    for (const p of annotation.problems) stop(analysis, 'error', p.message, p.span);
    const parsed = parseBlockText(block);
    exports.push(...annotationExports(annotation, block.index, integerNames(parsed.statements)));
    if (classifyParse(parsed, analysis) && analysis.status !== 'error') {
      const program = new BlockProgram({ uri: job.uri, settings: job.settings, syntax: block.syntax, documentText: job.documentText, blockIndex: block.index },
        parsed.statements, annotation.values, upstream);
      const done = evaluate(program, analysis, job.env);
      exports.push(...done.run.exports);
      if (analysis.status === 'ok' && done.run.output) {
        const output = done.run.output;
        Object.assign(analysis, resultValues(output, done.ev.state));
        analysis.graph = BlockGraph.of(output, done.ev.state);
        analysis.outputId = output.id;
        analysis.reducedBySum = output.shape.length > 0;
        analysis.outputName = done.run.outputName;
        analysis.rebuild = rebuilder(program, done);
        addClaims(analysis, program, done.ev, done.run.claims);
      }
    }
  } catch (e) {
    unexpected(e, analysis);
  }
  const fingerprint = fingerprintOf(block, upstream.used);
  // The block's index is part of it: nodes imported from it carry the index (NodeInfo.upstreamBlock).
  for (const e of exports) e.fingerprint = `${fingerprint}:${e.kind}:${e.name}@${block.index}`;
  return { analysis, exports, used: upstream.used };
}

/** Not a verdict: nothing is shown for the block until the background analysis has its results. */
function defer(a: BlockAnalysis, message: string): void {
  a.status = 'not-evaluable';
  a.message = message;
  a.deferred = true;
}

/**
 * A block that reads what a deferred block defines: its own run saw those names unbound, so only
 * its annotation's values hold; the background analysis evaluates it.
 */
export function deferredBlock(outcome: BlockOutcome): BlockOutcome {
  const analysis = emptyAnalysis(outcome.analysis.block);
  defer(analysis, 'analysing in the background: this block reads a name a slow block above defines');
  return { analysis, exports: outcome.exports.filter((e) => (e.kind === 'value' || e.kind === 'integer') && e.source === 'annotation'), used: outcome.used };
}

/** A block the server does not evaluate (server/lsp/crashJournal.ts): not evaluable, with the reason. */
export function skippedBlock(block: MathBlock, reason: string): BlockOutcome {
  const analysis = emptyAnalysis(block);
  stop(analysis, 'not-evaluable', reason, block.content);
  return { analysis, exports: [], used: new Map() };
}

/**
 * An annotation's values hold for later blocks too (SPEC §3: earlier blocks' definitions). A value the
 * block uses as a size (`m = 4` bounding `\sum_{i=1}^m`) stays an integer below it (`\frac{2}{m}`).
 */
function annotationExports(annotation: AnnotationResult, blockIndex: number, integers: ReadonlySet<string>): Entry[] {
  return [...annotation.values.values()].map((v): Entry => {
    const common = { name: v.name, span: v.span, blockIndex, fingerprint: '', source: 'annotation' as const };
    const size = v.value.shape.length === 0 ? v.value.data[0] : NaN;
    if (integers.has(v.name) && Number.isInteger(size)) return { ...common, kind: 'integer', value: size };
    return { ...common, kind: 'value', value: v.value, leafKey: v, sampled: v.sampled };
  });
}

/** What a block's exports mean: its text, its annotation and every upstream entry it read. */
function fingerprintOf(block: MathBlock, used: ReadonlyMap<string, Entry | undefined>): string {
  const reads = [...used].map(([name, e]) => `${name}=${e ? e.fingerprint : '-'}`).sort().join('\u0001');
  return hashText(`${block.syntax}\u0000${block.text}\u0000${block.annotation?.text ?? ''}\u0000${reads}`);
}

function annotationOf(job: BlockJob): AnnotationResult {
  const parsed = parseBlockAnnotation(job.block);
  if (!parsed) return { values: new Map(), problems: [] };
  return evaluateAnnotation(parsed, job.uri, job.settings, job.documentText, job.block.index);
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

function evaluate(program: BlockProgram, a: BlockAnalysis, env: ReadonlyMap<string, Entry>): ProgramRun {
  let done: ProgramRun | undefined;
  try {
    done = program.run({ strict: true }, (p) => { done = p; });
    if (!done.run.output) stop(a, 'not-evaluable', 'nothing to compute', undefined);
  } catch (e) {
    if (e instanceof Deferred) defer(a, e.message);
    else if (e instanceof NotEvaluable) stop(a, 'not-evaluable', e.message, e.span);
    // Prose names values in passing ("we would compute $\log 0$", "the limit at $f(0)$"): no computation of the user's fails there.
    else if (e instanceof DomainError && a.block.kind === 'inline') stop(a, 'not-evaluable', `${e.message} (math in prose, not evaluated there)`, e.span);
    else if (e instanceof EvaluationError) stop(a, 'error', e.message, e.span);
    else throw e;
  } finally {
    if (done) {
      // Inputs bound upstream point at where their entries are now (an earlier block's own scope may
      // have been analysed before it moved).
      a.inputs = relocateInputs([...done.ev.state.inputs.values()].map((r) => r.binding), (s) => s, false, env);
      a.definitions = done.run.definitions;
    }
  }
  return done!;
}

/** Re-runs the block as a function of its differentiable inputs (gradient checks). */
function rebuilder(program: BlockProgram, done: ProgramRun): () => Rebuilt {
  const records = [...done.ev.state.inputs.values()].filter((r) => r.differentiable);
  const output = done.run.output!;
  const f = (...xs: Tensor[]): Tensor => {
    // Finite differences pass constants; a derivative in the block still needs leaves it can differentiate.
    const overrides = new Map(records.map((r, i) => [r.binding.name, xs[i].requiresGrad ? xs[i] : variable(xs[i].value, r.binding.name)] as const));
    return program.run({ overrides, strict: false }).run.output!;
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

