// The gradient check with 1,000 inputs, sum(tanh(W @ x)) with W a constant 1000×1000 (issue 13): the
// full mode (central differences per coordinate: 2,000 evaluations) and the directional mode, against
// torch.autograd.gradcheck and its fast_mode on the same function, in the same run.
import { constant, gradcheckSync, matmul, NDArray, sum, tanh, Tensor } from '../../engine';
import { normalVector, seededRandom } from '../../engine/random';
import { formatMs, medianMs } from '../measure';
import { Suite } from '../suite';
import { torchNote, torchPeer } from '../torch';

const N = 1000;
const FULL_TARGET = 1.5; // × torch.autograd.gradcheck
const DIRECTIONAL_TARGET = 5; // × torch's fast_mode

export const suite: Suite = {
  section: 'engine',
  order: 4,
  title: 'Gradient check, sum(tanh(W @ x)), 1,000 inputs, W a constant 1000×1000, ms (lower is better)',
  run() {
    const W = constant(new NDArray(normalVector(seededRandom(1), N * N), [N, N]));
    const x = new NDArray(normalVector(seededRandom(2), N), [N]);
    const f = (t: Tensor): Tensor => sum(tanh(matmul(W, t)));
    const check = (fixedGraph: boolean, maxCoordinates: number) => () => {
      const report = gradcheckSync(f, [x], { fixedGraph, maxCoordinates });
      if (!report.passed) throw new Error(`the check failed (max rel err ${report.maxRelError})`);
    };
    // As the editor and the CLI run it: the block's graph is fixed, so perturbed inputs go as batches.
    const full = medianMs(check(true, N), { runs: 5, warmup: 1, minRunMs: 0 });
    const directional = medianMs(check(true, 0), { runs: 7, warmup: 2, minRunMs: 50 });
    // The design before batching, for comparison: f called again for every evaluation.
    const fullOneByOne = medianMs(check(false, N), { runs: 1, warmup: 0, minRunMs: 0 });
    const directionalOneByOne = medianMs(check(false, 0), { runs: 5, warmup: 1, minRunMs: 0 });
    const torch = torchPeer<{ full: number; fast: number }>({ kind: 'gradcheck', n: N });
    const t = torch.ok ? torch.result : null;
    const cell = (ms: number | undefined) => (ms === undefined ? 'skipped' : formatMs(ms));
    const verdict = (ours: number, theirs: number | undefined, target: number) =>
      theirs === undefined ? 'not compared (no PyTorch)' : `${ours <= target * theirs ? 'met' : 'missed'} (${(ours / theirs).toFixed(1)}×)`;
    return {
      columns: ['implementation', 'full (2,000 evaluations)', 'directional'],
      rows: [
        ['Adjoint, perturbed inputs evaluated as batches (as the editor and CLI run it)', formatMs(full), formatMs(directional)],
        ['Adjoint, f evaluated once per perturbed input (the design before)', formatMs(fullOneByOne), formatMs(directionalOneByOne)],
        ['PyTorch torch.autograd.gradcheck (full; fast_mode for directional)', cell(t?.full), cell(t?.fast)],
      ],
      notes: [
        `Same settings on both sides: eps 1e-6, atol 1e-5, rtol 1e-3, float64. Adjoint's directional mode checks 8 random directions (16 evaluations, one batch); torch's fast_mode checks one (2 evaluations). Full: median of 5 runs (the design before: 1 run); directional: median of 5–7.`,
        'Batches (engine/batched.ts): W @ x for every perturbed x is one product through the GEMM kernel — W·Xᵀ with W as stored for a few points (the directional check), X·Wᵀ with Wᵀ made once per graph for many (the full check); tanh and sum run on the whole batch.',
        torchNote(torch),
        `Target (issue 13): full ≤ ${FULL_TARGET}× torch.autograd.gradcheck — ${verdict(full, t?.full, FULL_TARGET)}; directional ≤ ${DIRECTIONAL_TARGET}× fast_mode — ${verdict(directional, t?.fast, DIRECTIONAL_TARGET)}.`,
      ],
    };
  },
};
