// The gradient check of one block (SPEC §5): the block re-evaluated as a function of its inputs.
import { gradcheck, type GradcheckReport } from '../../engine';
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
