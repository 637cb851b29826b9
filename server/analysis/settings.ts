// Analysis settings (tolerances, limits, sampling); the LSP maps the `adjoint.*` configuration onto them.
export interface Settings {
  atol: number;
  rtol: number;
  eps: number;
  maxCoordinates: number;
  /** Largest number of entries any one tensor may hold. */
  maxTensorSize: number;
  /** Largest number of graph nodes one block may build (bounds unrolled sums and products). */
  maxNodesPerBlock: number;
  /** Milliseconds one block's evaluation may take before it is given up as not evaluable (the
   *  editor's adjoint.limits.blockTimeMs, 2 s there; no limit by default, as in the CLI). */
  blockTimeMs: number;
  /** The editor's main thread only: a block still running after this many milliseconds stops there and
   *  is marked `deferred`; the background analysis (server/lsp/background/) evaluates it with the full
   *  blockTimeMs, so one slow block never holds up the answers for the others. */
  deferAfterMs?: number;
  sampleLow: number;
  sampleHigh: number;
  /** Value of a free index bound (`n` in `\sum_{j=1}^n`) that nothing else determines. */
  defaultIndexBound: number;
  /** Points at which a derivation claim is checked. */
  claimPoints: number;
}

export const defaultSettings: Settings = {
  atol: 1e-5,
  rtol: 1e-3,
  eps: 1e-6,
  maxCoordinates: 1000,
  maxTensorSize: 1_000_000,
  maxNodesPerBlock: 20_000,
  blockTimeMs: Infinity,
  sampleLow: 0.5,
  sampleHigh: 2,
  defaultIndexBound: 4,
  claimPoints: 5,
};
