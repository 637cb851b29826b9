// The custom requests between the Adjoint client and server, typed once and imported by both
// sides (rust-analyzer's lsp_ext.ts habit). Documented for other editors in docs/protocol.md.
import { RequestType, NotificationType, Range, Position, TextDocumentIdentifier } from 'vscode-languageserver-protocol';

export type Nested = number | Nested[];

/** Which block: the one containing `position`, or the one with this index. */
export interface BlockParams {
  textDocument: TextDocumentIdentifier;
  position?: Position;
  blockIndex?: number;
}

export interface GraphNode {
  id: number;
  label: string;            // source text or name; untrusted document text: render as text only
  name?: string;
  /** The node as the panel writes it: its name, else its label, in short Unicode as hovers write it (`ln(x₁)`, `W⁽¹⁾`). */
  shown: string;
  /** The lecture's name of a forward node, as in the trace (v₋₁, v₀ for the inputs, v₁ … in evaluation order, or the
   *  note's own name); absent on the extended graph's nodes, whose labels already use these names (v̄₃, v̄₄ · v₁). */
  lectureName?: string;
  op: string;               // "input" | "constant" | engine op name ("adjoint" for a mirrored v̄, see GraphData.extended)
  kind: 'input' | 'constant' | 'intermediate' | 'output' | 'adjoint';   // 'adjoint': a node of the extended graph
  range?: Range;
  shape: number[];
  value: Nested | null;     // in full up to 256 entries, else null: valueText summarises it
  valueText: string;        // formatted for display ("11.652", "(3,) [0.09, −0.76, 0.67]")
  adjoint: Nested | null;
  adjointText: string;
  sampled?: boolean;        // the value rests on sampled inputs (the input itself, or anything computed from one)
  /** Kind 'adjoint': the ids of the nodes whose final adjoint v̄ this node is (several when an add passes its v̄
   *  on unchanged); absent for a partial result of the gradient graph (v̄₄ · x₂, cos x₂). */
  adjointOf?: number[];
  /** Kind 'adjoint': the node whose reverse step computes this one (the stepper marks it with that step). */
  step?: number;
  /** Computed in an earlier block of the note, or an input its annotation binds: the block's index and
   *  where it is ("line 3", "cell 0, line 2"). The page starts with such nodes folded into the upstream
   *  node this block reads. */
  upstream?: { blockIndex: number; place: string };
}
export interface GraphEdge {
  from: number;
  to: number;
  partialAdjointText: string;   // v̄_{from→to}
  partialAdjoint: Nested | null;  // in full up to 256 entries, else null
}
export interface ReverseStepData {
  nodeId: number;                                  // the node processed at this step
  adjointText: string;                             // its v̄ = sum of partials
  /**
   * What this step adds to node_to_grad: a partial adjoint for each input of the node (the first step:
   * the output's seed). node_to_grad after step k is steps 0..k's additions in order: sent whole after
   * every step, the table is quadratic in the graph (7.5 MB for a 100-term sum).
   */
  added: Array<{ nodeId: number; partialText: string }>;
}
export interface GraphData {
  uri: string;
  blockIndex: number;
  blockRange: Range;
  title: string;                 // e.g. "y = \\ln(x_1) + x_1 \\cdot x_2 - \\sin(x_2)"
  outputId: number | null;
  reducedBySum: boolean;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /**
   * The graph extended by reverse mode (the lecture's "reverse mode AD by extending the computational graph"):
   * the gradient graph the engine builds, one node (kind 'adjoint', op = engine op) per node it adds, ids distinct
   * from `nodes`' ids, and an edge from each input to each of them — inputs from `nodes` included, since the
   * rules read forward values (v̄ of x₁ = v̄₂ · x₂ + v̄₁ · 1/x₁ for v₁ = ln x₁, v₂ = x₁x₂): that is why
   * gradients of gradients work. Listed inputs first. When that graph is too large to draw (or cannot be built), `fallback` says why
   * and the nodes are a mirror instead: one v̄ per node (op "adjoint") and an edge v̄_to → v̄_from per edge.
   */
  extended: { nodes: GraphNode[]; edges: Array<{ from: number; to: number }>; fallback?: string };
  steps: ReverseStepData[];
  status: 'ok' | 'not-evaluable' | 'error';
  message: string | null;
}
export const graphRequest = new RequestType<BlockParams, GraphData | null, void>('adjoint/graph');

export interface TraceRow {
  nodeId: number;
  name: string;          // the lecture's v_{-1}, v_0 (inputs), v_1, v_2 …, or the block's own name
  definition: string;    // "ln(v_1)", "x_1 = 2"
  valueText: string;
  tangentText: string;   // v̇ for the chosen input
  adjointText: string;   // v̄
  range?: Range;
}
export interface TraceParams extends BlockParams { tangentInput?: string }
export interface TraceData {
  uri: string;
  blockIndex: number;
  title: string;
  inputs: string[];          // the block's differentiable inputs (not integers such as n or a class index), for the tangent choice
  tangentInput: string | null;
  tangentDirectional: boolean; // the tangent input is a tensor: the column is a directional derivative along all ones
  rows: TraceRow[];
  forwardPasses: number;     // = number of scalars in the differentiable inputs (forward mode needs one pass per input)
  reversePasses: number;     // = 1
  status: 'ok' | 'not-evaluable' | 'error';
  message: string | null;
}
export const traceRequest = new RequestType<TraceParams, TraceData | null, void>('adjoint/trace');

export interface CheckParams extends BlockParams { workDoneToken?: string | number }
export interface CheckInputResult {
  name: string; mode: 'coordinates' | 'directions'; checked: number; maxAbsError: number; maxRelError: number; passed: boolean;
  /** The largest finite-difference step used, and whether it exceeds eps (widened for rounding in f). */
  step: number; stepWidened: boolean;
}
export interface CheckResult {
  uri: string;
  blockIndex: number;
  passed: boolean;
  cancelled: boolean;
  inputs: CheckInputResult[];
  maxAbsError: number;
  maxRelError: number;
  blame?: { label: string; op: string; range?: Range; maxAbsError: number; reason?: string };
  summary: string;           // the CodeLens verdict, e.g. "✓ gradient check passed · max rel err 3e-10"
  message: string | null;    // when the block could not be checked
}
/** Runs the gradient check; reports `$/progress` on workDoneToken and honours cancellation. */
export const checkGradientRequest = new RequestType<CheckParams, CheckResult | null, void>('adjoint/checkGradient');

export interface BlockSummary { index: number; range: Range; title: string; status: 'ok' | 'not-evaluable' | 'error'; evaluable: boolean }
export const blocksRequest = new RequestType<{ textDocument: TextDocumentIdentifier }, BlockSummary[], void>('adjoint/blocks');

/** `extended`: with the gradient graph reverse mode builds, as the panel shows it with Extended graph ticked. */
export interface DotParams extends BlockParams { extended?: boolean }
/** DOT is produced by the server; SVG by the graph panel (it owns the layout). */
export const exportDotRequest = new RequestType<DotParams, string | null, void>('adjoint/exportDot');

/** Server → client: a block's analysis changed (the open panels refresh). */
export const analysisChangedNotification = new NotificationType<{ uri: string; version: number }>('adjoint/analysisChanged');

/** Client-side command ids, shared so the server's CodeLenses name the same commands. */
export const Commands = {
  checkGradient: 'adjoint.checkGradient',
  showGraph: 'adjoint.showGraph',
  showTrace: 'adjoint.showTrace',
  pinSampled: 'adjoint.pinSampledValues',
  exportGraph: 'adjoint.exportGraph',
  /** Stops and starts the language server: also after the client gave up restarting a server that kept crashing. */
  restartServer: 'adjoint.restartServer',
} as const;
/** Arguments of the CodeLens commands: which block. */
export interface BlockRef { uri: string; blockIndex: number }

/** Title of the server's quick fix that pins sampled values; the client's command applies it by this title. */
export const pinSampledTitle = 'Pin sampled values';
