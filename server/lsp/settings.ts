// The `adjoint.*` settings, read with workspace/configuration (defaults when the client has none).
import type { Connection } from 'vscode-languageserver';
import { defaultSettings, type Settings } from '../analysis';

export interface ServerSettings {
  analysis: Settings;
  inlayValues: boolean;
  inlayAdjoints: boolean;
}

/** The raw `adjoint` section as package.json declares it. */
export interface AdjointConfiguration {
  gradientCheck?: { atol?: number; rtol?: number; eps?: number; maxCoordinates?: number };
  limits?: { maxTensorSize?: number; maxNodes?: number; blockTimeMs?: number };
  inlayHints?: { values?: boolean; adjoints?: boolean };
  sampling?: { low?: number; high?: number };
}

/** In the editor a block that takes longer is not evaluated, so the other blocks keep answering. */
export const EDITOR_BLOCK_TIME_MS = 2000;

export function defaultServerSettings(): ServerSettings {
  return { analysis: { ...defaultSettings, blockTimeMs: EDITOR_BLOCK_TIME_MS }, inlayValues: true, inlayAdjoints: false };
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** Missing or ill-typed entries fall back to the defaults, one by one. */
export function toServerSettings(config: AdjointConfiguration | null | undefined): ServerSettings {
  const d = defaultServerSettings();
  const c = config ?? {};
  const low = num(c.sampling?.low, d.analysis.sampleLow);
  const high = num(c.sampling?.high, d.analysis.sampleHigh);
  return {
    analysis: {
      ...d.analysis,
      atol: num(c.gradientCheck?.atol, d.analysis.atol),
      rtol: num(c.gradientCheck?.rtol, d.analysis.rtol),
      eps: num(c.gradientCheck?.eps, d.analysis.eps),
      maxCoordinates: num(c.gradientCheck?.maxCoordinates, d.analysis.maxCoordinates),
      maxTensorSize: num(c.limits?.maxTensorSize, d.analysis.maxTensorSize),
      maxNodesPerBlock: num(c.limits?.maxNodes, d.analysis.maxNodesPerBlock),
      // A zero or negative budget would make every block unevaluable: keep the default then.
      blockTimeMs: num(c.limits?.blockTimeMs, 0) > 0 ? num(c.limits?.blockTimeMs, 0) : d.analysis.blockTimeMs,
      // An inverted range would sample outside what the user meant; keep the defaults then.
      sampleLow: low < high ? low : d.analysis.sampleLow,
      sampleHigh: low < high ? high : d.analysis.sampleHigh,
    },
    inlayValues: bool(c.inlayHints?.values, d.inlayValues),
    inlayAdjoints: bool(c.inlayHints?.adjoints, d.inlayAdjoints),
  };
}

export async function fetchServerSettings(connection: Connection, supported: boolean): Promise<ServerSettings> {
  if (!supported) return defaultServerSettings();
  try {
    const config = await connection.workspace.getConfiguration('adjoint') as AdjointConfiguration | null;
    return toServerSettings(config);
  } catch (e) {
    connection.console.warn(`adjoint: could not read settings, using defaults (${String(e)})`);
    return defaultServerSettings();
  }
}
