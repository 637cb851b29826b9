// Gradient check per SPEC §5: central differences per coordinate while the inputs hold at most
// maxCoordinates numbers, else along random directions; per-input max abs/rel error; node blame.
import { gradValues } from './grad-values';
import { blameWith, BlameSettings, NodeBlame } from './blame';
import { NDArray } from './ndarray';
import { centralDifference, compare, dot } from './numeric';
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
export interface InputCheck { name: string; mode: 'coordinates' | 'directions'; checked: number; maxAbsError: number; maxRelError: number; passed: boolean }
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

/**
 * The check as a generator that yields after every pair of evaluations, so one body serves the
 * synchronous and the cooperative (async, cancellable) drivers.
 */
function* checkSteps(f: (...xs: Tensor[]) => Tensor, inputs: NDArray[], s: Settings): Generator<void, GradcheckReport> {
  const variables = inputs.map((x, i) => variable(x, s.names?.[i]));
  const output = f(...variables);
  const gradients = gradValues(output, variables).map((g) => g.data);
  // Perturbed copies: the caller's arrays are never written.
  const work = inputs.map((x) => new NDArray(Float64Array.from(x.data), x.shape));
  const phi = (s.fixedGraph && replayedObjective(output, variables, work)) || ((): number => objective(f, work));
  const totalSize = inputs.reduce((n, x) => n + x.size, 0);
  const mode = totalSize <= s.maxCoordinates ? 'coordinates' : 'directions';
  const total = mode === 'coordinates' ? totalSize : s.directions * inputs.length;
  const rng = seededRandom(s.seed);
  const checks: InputCheck[] = [];
  let done = 0;
  const cancelledReport = (): GradcheckReport => ({ passed: false, cancelled: true, inputs: checks, maxAbsError: NaN, maxRelError: NaN });

  for (let i = 0; i < inputs.length; i++) {
    const check: InputCheck = { name: s.names?.[i] ?? `input ${i}`, mode, checked: 0, maxAbsError: 0, maxRelError: 0, passed: true };
    checks.push(check);
    const x = work[i].data;
    const count = mode === 'coordinates' ? x.length : s.directions;
    for (let k = 0; k < count; k++) {
      if (s.signal?.cancelled) return cancelledReport();
      let ad: number;
      let num: number;
      if (mode === 'coordinates') {
        ad = gradients[i][k];
        num = centralDifference(phi, x, s.eps, { index: k });
      } else {
        const d = unitVector(rng, x.length);
        ad = dot(d, gradients[i]);
        num = centralDifference(phi, x, s.eps, { direction: d });
      }
      const c = compare(ad, num, s);
      check.checked++;
      check.maxAbsError = Math.max(check.maxAbsError, c.absError);
      check.maxRelError = Math.max(check.maxRelError, c.relError);
      if (!c.passed) check.passed = false;
      s.onProgress?.(++done, total);
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
