// The gradient check of one block (SPEC §5): the block re-evaluated as a function of its inputs.
import { gradcheck, type GradcheckReport, type InputCheck } from '../../engine';
import type { Settings } from './settings';
import type { BlockAnalysis } from './types';

export async function checkBlock(
  a: BlockAnalysis,
  settings: Settings,
  progress?: (done: number, total: number) => void,
  signal?: { readonly cancelled: boolean },
): Promise<GradcheckReport> {
  const rebuilt = a.status === 'ok' ? a.rebuild() : null;
  if (!rebuilt) throw new Error(`this block is ${a.status === 'ok' ? 'not checkable' : a.status}: there is no gradient to check`);
  return gradcheck(rebuilt.f, rebuilt.inputs.map((t) => t.value), {
    eps: settings.eps, atol: settings.atol, rtol: settings.rtol, maxCoordinates: settings.maxCoordinates,
    names: rebuilt.inputs.map((t) => t.label ?? `input ${t.id}`),
    onProgress: progress,
    signal,
    // a block is straight-line math: its graph does not depend on the values
    fixedGraph: true,
  });
}

/**
 * " · step 5e-4 (rounding)" when the check stepped further than eps because f is a sum big enough for
 * its rounding to matter (engine/numeric.ts stepFor); "" otherwise. The lens and the CLI both say it.
 */
export function stepNote(inputs: ReadonlyArray<Pick<InputCheck, 'step' | 'stepWidened'>>): string {
  const widened = inputs.filter((i) => i.stepWidened);
  if (widened.length === 0) return '';
  return ` · step ${Math.max(...widened.map((i) => i.step)).toExponential(0).replace('e+', 'e')} (rounding)`;
}
