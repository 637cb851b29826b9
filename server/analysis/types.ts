// The public shape of an analysis (DEVELOPERS.md, Contract 3).
import type { NDArray, Nested, Tensor } from '../../engine';
import type { Span } from '../parse/ast';
import type { MathBlock } from '../scan/blocks';

export type Status = 'ok' | 'not-evaluable' | 'error';

export interface Binding {
  name: string;
  value: NDArray;
  sampled: boolean;
  source: 'block' | 'annotation' | 'earlier-block' | 'sampled';
  span?: Span;
  blockIndex?: number;
}

export interface NodeInfo {
  id: number;
  /** Source text of the node ("\\ln(x_1)") or its name ("v_3"). */
  label: string;
  /** When the block names it (y, v_3, x_1). */
  name?: string;
  /** Engine op name, or "input" / "constant". */
  op: string;
  span?: Span;
  inputs: number[];
  value: Nested;
  shape: number[];
  adjoint: Nested;
  tangent?: Nested;
  symbolicAdjoint?: { unicode: string; latex: string };
  sampled?: boolean;
  /** Made by the definition of an earlier block (0-based index): the note is one graph. No span then. */
  upstreamBlock?: number;
}

export interface EdgeInfo { from: number; to: number; partialAdjoint: Nested }

export interface ClaimResult {
  span: Span; line: number; claim: string; holds: boolean; autodiff: Nested; yours: Nested;
  maxError: number; points: number; where: Record<string, Nested> | null; pathways?: string;
}

export interface Problem { span: Span; message: string; severity: 'error' | 'warning' | 'hint' }

export interface Rebuilt {
  output: Tensor;
  inputs: Tensor[];
  f: (...xs: Tensor[]) => Tensor;
}

export interface BlockAnalysis {
  block: MathBlock;
  status: Status;
  message: string | null;
  problems: Problem[];
  outputName: string | null;
  outputId: number | null;
  value: Nested | null;
  reducedBySum: boolean;
  inputs: Binding[];
  gradient: Record<string, Nested>;
  nodes: NodeInfo[];
  edges: EdgeInfo[];
  steps: Array<{ nodeId: number; nodeToGrad: Array<{ nodeId: number; partials: Nested[] }> }>;
  /** Names this block binds (outline, go to definition). */
  definitions: Array<{ name: string; span: Span }>;
  claims: ClaimResult[];
  rebuild(): Rebuilt | null;
}
