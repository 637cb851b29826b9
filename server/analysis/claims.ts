// Checking derivation claims (SPEC §4): the derivative by AD against the user's formula at the
// bound point and at more points where every input of the differentiated expression is re-sampled
// (deterministically, in the sampling range): a wrong formula can agree by chance at one point.
import { variable, type NDArray, type Nested } from '../../engine';
import { allFinite, compareValues } from './claim-compare';
import { explainPathways } from './claim-pathways';
import type { ClaimSite } from './claim-statement';
import type { Evaluator } from './evaluator';
import { formatNumber } from './format-number';
import { reachedFrom } from './graph-walk';
import { sampleUniform } from './sampling';
import type { BlockContext, BlockState, InputRecord } from './state';
import type { BlockProgram } from './program';
import type { BlockAnalysis, ClaimResult, Problem } from './types';

export interface ClaimCheck { claims: ClaimResult[]; problems: Problem[] }

interface Point {
  /** The re-sampled inputs' values at this point. */
  values: Map<string, NDArray>;
  sites: ClaimSite[];
}

/** Inputs that some claim's differentiated expression depends on: those are varied between points. */
function variedInputs(state: BlockState, sites: ClaimSite[]): InputRecord[] {
  const reached = reachedFrom(sites.map((s) => s.of));
  return [...state.inputs.values()].filter((r) => r.differentiable && reached.has(r.tensor));
}

/**
 * Sampled names only the user's side reads (`= 2 x c` with c bound nowhere, or a `z` defined only in
 * the next block): the two sides then differ by whatever was drawn for them, and a ✗ would be a
 * verdict on a random number. Such a claim is not judged.
 */
function sampledOnlyOnTheRight(state: BlockState, site: ClaimSite): string[] {
  const left = reachedFrom([site.of]);
  const right = reachedFrom([site.yours]);
  return [...state.inputs.values()]
    .filter((r) => r.binding.sampled && right.has(r.tensor) && !left.has(r.tensor))
    .map((r) => r.binding.name);
}

/** The block run again with the varied inputs re-sampled (the k-th extra point); undefined if it fails there. */
function runAtPoint(program: BlockProgram, ctx: BlockContext, varied: InputRecord[], k: number, count: number): Point | undefined {
  const { settings } = ctx;
  const values = new Map(varied.map((r) => [r.binding.name,
    sampleUniform(ctx.uri, `${r.binding.name}\u0000claim point ${k}`, r.tensor.shape, settings.sampleLow, settings.sampleHigh)] as const));
  const overrides = new Map([...values].map(([name, value]) => [name, variable(value, name)] as const));
  try {
    const { run } = program.run({ overrides, strict: false });
    return run.claims?.length === count ? { values, sites: run.claims } : undefined;
  } catch {
    // A point outside the formula's domain (or the graph's) is simply not used.
    return undefined;
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function brief(x: Nested): string {
  if (typeof x === 'number') return formatNumber(x);
  const text = JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' ? formatNumber(v) : v)).replace(/"/g, '').replace(/,/g, ', ');
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function whereText(where: Record<string, Nested>): string {
  const parts = Object.entries(where).map(([name, v]) => `${name} = ${brief(v)}`);
  return parts.length > 0 ? ` at ${parts.join(', ')}` : '';
}

function judge(ev: Evaluator, points: Point[], index: number): { result: ClaimResult; problem?: Problem } {
  const { settings, documentText } = ev.ctx;
  const site = points[0].sites[index];
  const base = { span: site.span, line: lineOf(documentText, site.span.start), claim: site.claim };
  const unbound = sampledOnlyOnTheRight(ev.state, site);
  if (unbound.length > 0) {
    const names = unbound.join(', ');
    const [are, them] = unbound.length === 1 ? ['is', 'it'] : ['are', 'them'];
    const unchecked = `${names} on the right side ${are} sampled and the left side does not depend on ${them}`;
    return {
      result: { ...base, holds: false, unchecked, autodiff: site.autodiff.value.toNested(), yours: site.yours.value.toNested(), maxError: NaN, points: 0, where: null },
      problem: { span: site.rhsSpan, message: `${site.claim} is not checked: ${unchecked}; bind ${them} in an annotation or define ${them} above`, severity: 'hint' },
    };
  }
  const atPoint = (p: Point) => Object.fromEntries([...p.values].map(([name, v]) => [name, v.toNested()]));
  let compared = 0;
  let maxError = 0;
  let failed: { point: Point; at: number; site: ClaimSite; shape?: string } | undefined;
  for (const [at, point] of points.entries()) {
    const s = point.sites[index];
    if (!allFinite(s.autodiff.value)) continue;
    const c = compareValues(s.autodiff.value, s.yours.value, settings.atol, settings.rtol);
    compared++;
    if (c.kind === 'shape') {
      failed = { point, at, site: s, shape: c.message };
      maxError = Infinity;
      break;
    }
    maxError = Math.max(maxError, c.maxError);
    if (!c.close && !failed) failed = { point, at, site: s };
  }
  if (compared === 0) {
    const message = `${site.claim}: the derivative is not finite at any checked point, so the claim cannot be checked`;
    return {
      result: { ...base, holds: false, autodiff: site.autodiff.value.toNested(), yours: site.yours.value.toNested(), maxError: NaN, points: 0, where: null },
      problem: { span: site.rhsSpan, message, severity: 'warning' },
    };
  }
  if (!failed) {
    return { result: { ...base, holds: true, autodiff: site.autodiff.value.toNested(), yours: site.yours.value.toNested(), maxError, points: compared, where: null } };
  }
  const where = atPoint(failed.point);
  const autodiff = failed.site.autodiff.value.toNested();
  const yours = failed.site.yours.value.toNested();
  const pathways = site.order === 1 && site.wrt.length === 1 && !failed.shape
    ? explainPathways(points.map((p) => p.sites[index]), ev.state, settings.atol, settings.rtol, failed.at)
    : undefined;
  const detail = failed.shape ?? `yours ${brief(yours)}, autodiff ${brief(autodiff)} (largest difference ${formatNumber(maxError)} over ${compared} point${compared === 1 ? '' : 's'})`;
  const message = `${site.claim} does not match autodiff${whereText(where)}: ${detail}${pathways ? `; ${pathways}` : ''}`;
  const result: ClaimResult = { ...base, holds: false, autodiff, yours, maxError, points: compared, where };
  if (pathways) result.pathways = pathways;
  if (failed.shape) result.shapes = failed.shape;
  return { result, problem: { span: site.rhsSpan, message, severity: 'warning' } };
}

/** Every claim of the block judged; `ev` is the evaluator of the program's first run, `sites` its claims. */
export function checkClaims(program: BlockProgram, ev: Evaluator, sites: ClaimSite[]): ClaimCheck {
  const varied = variedInputs(ev.state, sites);
  const bound: Point = { values: new Map(varied.map((r) => [r.binding.name, r.tensor.value] as const)), sites };
  const points = [bound];
  // Without inputs to vary every point is the bound point again.
  const extra = varied.length === 0 ? 0 : Math.max(0, ev.ctx.settings.claimPoints - 1);
  for (let k = 1; k <= extra; k++) {
    const p = runAtPoint(program, ev.ctx, varied, k, sites.length);
    if (p) points.push(p);
  }
  const out: ClaimCheck = { claims: [], problems: [] };
  sites.forEach((_, i) => {
    const { result, problem } = judge(ev, points, i);
    out.claims.push(result);
    if (problem) out.problems.push(problem);
  });
  return out;
}

/** Fills `analysis.claims`; a claim that fails is a warning on its right side, never a block error. */
export function addClaims(analysis: BlockAnalysis, program: BlockProgram, ev: Evaluator, sites: ClaimSite[] | undefined): void {
  if (!sites || sites.length === 0) return;
  const check = checkClaims(program, ev, sites);
  analysis.claims = check.claims;
  analysis.problems.push(...check.problems);
}
