// Gradient check per SPEC §5: central differences per coordinate while the inputs hold at most
// maxCoordinates numbers, else along random directions; per-input max abs/rel error; node blame.
// The step of each difference grows past eps where rounding in f would swamp the comparison, and the
// tolerance allows for that rounding (rounding.ts); a fixed graph is evaluated in batches (batched.ts).
import { gradValues } from './grad-values';
import { blameWith, BlameSettings, NodeBlame } from './blame';
import { NDArray } from './ndarray';
import { BatchedGraph } from './batched';
import { centralDifference, compare, dot, maxAbs, roundingAllowance, stepFor } from './numeric';
import { roundingNoise } from './rounding';
import { seededRandom, unitVector } from './random';
import { recordScalarTape } from './tape/record';
import { constant, Tensor, variable } from './tensor';

export type { NodeBlame } from './blame';

export interface GradcheckOptions {
  eps?: number; atol?: number; rtol?: number;
  maxCoordinates?: number;
  directions?: number;
  seed?: number;
  names?: string[];
  onProgress?: (done: number, total: number) => void;
  signal?: { readonly cancelled: boolean };
  /**
   * f builds the same graph whatever its input values (it never branches on them, as the document's
   * math never does). Then, when that graph is all scalars, the check records it once as a ScalarTape
   * and replays the tape for each evaluation instead of calling f again.
   */
  fixedGraph?: boolean;
}
export interface InputCheck {
  name: string; mode: 'coordinates' | 'directions'; checked: number; maxAbsError: number; maxRelError: number; passed: boolean;
  /**
   * The largest finite-difference step used: eps, unless rounding in evaluating f (a sum of many terms)
   * called for a larger one (numeric.ts stepFor); the tolerance then also allows for that rounding.
   */
  step: number;
  /** Whether `step` is larger than eps (so the report should say which step it used). */
  stepWidened: boolean;
}
export interface GradcheckReport { passed: boolean; cancelled: boolean; inputs: InputCheck[]; maxAbsError: number; maxRelError: number; blame?: NodeBlame }

type Settings = BlameSettings & Pick<GradcheckOptions, 'names' | 'onProgress' | 'signal' | 'fixedGraph'>;

function settingsOf(opts: GradcheckOptions = {}): Settings {
  return {
    eps: opts.eps ?? 1e-6, atol: opts.atol ?? 1e-5, rtol: opts.rtol ?? 1e-3,
    maxCoordinates: opts.maxCoordinates ?? 1000, directions: opts.directions ?? 8, seed: opts.seed ?? 1,
    names: opts.names, onProgress: opts.onProgress, signal: opts.signal, fixedGraph: opts.fixedGraph,
  };
}

/** The checked objective: the sum of f's output (what grad's default seed differentiates). */
function objective(f: (...xs: Tensor[]) => Tensor, arrays: NDArray[]): number {
  const data = f(...arrays.map((a) => constant(a))).value.data;
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i];
  return s;
}

/** The objective by replaying a recorded tape of `output`'s graph; null when the graph is not all scalars. */
function replayedObjective(output: Tensor, variables: Tensor[], work: NDArray[]): (() => number) | null {
  const recorded = recordScalarTape(output, variables);
  if ('reason' in recorded) return null;
  const { tape, inputs } = recorded;
  const points = work.map((x) => x.data);
  return () => {
    for (let i = 0; i < inputs.length; i++) tape.setInput(inputs[i], points[i][0]);
    tape.evaluate();
    return tape.value(recorded.output);
  };
}

// A batch holds at most this many perturbed points, and this many numbers across the graph's nodes
// (64 MiB of float64): big enough for the kernels to run at full speed, small enough that a
// cancellation waits for one batch only.
const BATCH_POINTS = 512;
const BATCH_NUMBERS = 2 ** 23;

/** One central difference to take: the AD value it checks, its step, its direction (a coordinate when null). */
interface Probe { index: number; direction: Float64Array | null; ad: number; h: number }

/** The probes' central differences, one pair of evaluations of phi at a time. */
function differencesOneByOne(phi: () => number, x: Float64Array, probes: Probe[]): number[] {
  return probes.map((p) => centralDifference(phi, x, p.h, p.direction ? { direction: p.direction } : { index: p.index }));
}

/** The probes' central differences, all their perturbed points evaluated as one batch. */
function differencesBatched(graph: BatchedGraph, x: Float64Array, probes: Probe[]): number[] {
  const n = x.length;
  const points = new Float64Array(2 * probes.length * n);
  probes.forEach((p, j) => {
    const plus = points.subarray(2 * j * n, (2 * j + 1) * n);
    const minus = points.subarray((2 * j + 1) * n, (2 * j + 2) * n);
    if (p.direction) {
      for (let i = 0; i < n; i++) {
        plus[i] = x[i] + p.h * p.direction[i];
        minus[i] = x[i] - p.h * p.direction[i];
      }
    } else {
      plus.set(x);
      minus.set(x);
      plus[p.index] = x[p.index] + p.h;
      minus[p.index] = x[p.index] - p.h;
    }
  });
  const phi = graph.objectives(points, 2 * probes.length);
  return probes.map((p, j) => (phi[2 * j] - phi[2 * j + 1]) / (2 * p.h));
}

/**
 * The check as a generator that yields after every batch of evaluations, so one body serves the
 * synchronous and the cooperative (async, cancellable) drivers.
 */
function* checkSteps(f: (...xs: Tensor[]) => Tensor, inputs: NDArray[], s: Settings): Generator<void, GradcheckReport> {
  const variables = inputs.map((x, i) => variable(x, s.names?.[i]));
  const output = f(...variables);
  const gradients = gradValues(output, variables).map((g) => g.data);
  // Perturbed copies: the caller's arrays are never written.
  const work = inputs.map((x) => new NDArray(Float64Array.from(x.data), x.shape));
  const replayed = s.fixedGraph ? replayedObjective(output, variables, work) : null;
  const phi = replayed ?? ((): number => objective(f, work));
  const noise = roundingNoise(output);
  const totalSize = inputs.reduce((n, x) => n + x.size, 0);
  const mode = totalSize <= s.maxCoordinates ? 'coordinates' : 'directions';
  const total = mode === 'coordinates' ? totalSize : s.directions * inputs.length;
  const rng = seededRandom(s.seed);
  const checks: InputCheck[] = [];
  let done = 0;
  const cancelledReport = (): GradcheckReport => ({ passed: false, cancelled: true, inputs: checks, maxAbsError: NaN, maxRelError: NaN });

  for (let i = 0; i < inputs.length; i++) {
    const check: InputCheck = { name: s.names?.[i] ?? `input ${i}`, mode, checked: 0, maxAbsError: 0, maxRelError: 0, passed: true, step: 0, stepWidened: false };
    checks.push(check);
    const x = work[i].data;
    const scale = maxAbs(x);
    const count = mode === 'coordinates' ? x.length : s.directions;
    // A fixed graph that is not all scalars is evaluated in batches (the scalar tape's replay is
    // already cheaper per point than a batch would be).
    const batched = s.fixedGraph && !replayed ? new BatchedGraph(output, variables[i]) : null;
    const perBatch = batched
      ? Math.max(1, Math.min(BATCH_POINTS, Math.floor(BATCH_NUMBERS / batched.numbersPerPoint)) >> 1)
      : 1;
    for (let k0 = 0; k0 < count; k0 += perBatch) {
      if (s.signal?.cancelled) return cancelledReport();
      const probes: Probe[] = [];
      for (let k = k0; k < Math.min(count, k0 + perBatch); k++) {
        const direction = mode === 'coordinates' ? null : unitVector(rng, x.length);
        const ad = direction ? dot(direction, gradients[i]) : gradients[i][k];
        probes.push({ index: k, direction, ad, h: stepFor(ad, noise, s, direction ? scale : Math.abs(x[k])) });
      }
      const nums = batched ? differencesBatched(batched, x, probes) : differencesOneByOne(phi, x, probes);
      probes.forEach((p, j) => {
        const c = compare(p.ad, nums[j], s, roundingAllowance(noise, p.h));
        check.checked++;
        check.step = Math.max(check.step, p.h);
        if (p.h > s.eps) check.stepWidened = true;
        check.maxAbsError = Math.max(check.maxAbsError, c.absError);
        check.maxRelError = Math.max(check.maxRelError, c.relError);
        if (!c.passed) check.passed = false;
      });
      done += probes.length;
      s.onProgress?.(done, total);
      yield;
    }
  }
  const passed = checks.every((c) => c.passed);
  const report: GradcheckReport = {
    passed, cancelled: false, inputs: checks,
    maxAbsError: Math.max(0, ...checks.map((c) => c.maxAbsError)),
    maxRelError: Math.max(0, ...checks.map((c) => c.maxRelError)),
  };
  if (!passed) {
    const blame = blameWith(output, s);
    if (blame) report.blame = blame;
  }
  return report;
}

export function gradcheckSync(f: (...xs: Tensor[]) => Tensor, inputs: NDArray[], opts?: GradcheckOptions): GradcheckReport {
  const steps = checkSteps(f, inputs, settingsOf(opts));
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** Like gradcheckSync, but gives the event loop a turn every few milliseconds (so cancellation can arrive). */
export async function gradcheck(f: (...xs: Tensor[]) => Tensor, inputs: NDArray[], opts?: GradcheckOptions): Promise<GradcheckReport> {
  const steps = checkSteps(f, inputs, settingsOf(opts));
  let since = Date.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (Date.now() - since >= 8) {
      await yieldToEventLoop();
      since = Date.now();
    }
  }
}

/** The first node (topological order) whose local derivative disagrees with central differences. */
export function blameNodes(output: Tensor, opts?: GradcheckOptions): NodeBlame | undefined {
  return blameWith(output, settingsOf(opts));
}
