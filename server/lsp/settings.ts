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

/**
 * The server's main thread gives a block this long; one that takes longer finishes in its document's
 * background worker (background/), so hovers, hints and lenses of every other block keep answering.
 */
export const MAIN_THREAD_BLOCK_MS = 30;

/** The settings of the main thread's analysis (the worker's are the user's settings as they are). */
export function mainThread(settings: Settings): Settings {
  return { ...settings, deferAfterMs: MAIN_THREAD_BLOCK_MS };
}

export function defaultServerSettings(): ServerSettings {
  return { analysis: { ...defaultSettings, blockTimeMs: EDITOR_BLOCK_TIME_MS }, inlayValues: true, inlayAdjoints: false };
}

/** The range each numeric setting must lie in (package.json declares the same bounds for the editor). */
export const SETTING_RANGES = {
  'gradientCheck.atol': { min: 0, max: 1 },
  'gradientCheck.rtol': { min: 0, max: 1 },
  // eps 0 divides by zero: the verdict would read "max rel err NaN".
  'gradientCheck.eps': { min: 1e-12, max: 0.1 },
  'gradientCheck.maxCoordinates': { min: 1, max: 1_000_000, integer: true },
  // A workspace must not be able to make one note take minutes and gigabytes.
  'limits.maxTensorSize': { min: 1, max: 10_000_000, integer: true },
  'limits.maxNodes': { min: 1, max: 200_000, integer: true },
  // A zero or negative budget would make every block unevaluable.
  'limits.blockTimeMs': { min: 1, max: 600_000 },
  'sampling.low': { min: -1e6, max: 1e6 },
  'sampling.high': { min: -1e6, max: 1e6 },
} as const satisfies Record<string, { min: number; max: number; integer?: boolean }>;

type NumericSetting = keyof typeof SETTING_RANGES;

/** A missing entry gets its default silently; a present but bad one gets its default and a warning. */
function num(key: NumericSetting, value: unknown, fallback: number, warn: (message: string) => void): number {
  if (value === undefined || value === null) return fallback;
  const range: { min: number; max: number; integer?: boolean } = SETTING_RANGES[key];
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max && (!range.integer || Number.isInteger(value));
  if (ok) return value;
  const kind = range.integer ? 'an integer' : 'a number';
  warn(`adjoint.${key} is ${JSON.stringify(value)}; it must be ${kind} from ${range.min} to ${range.max}. Using the default, ${fallback}.`);
  return fallback;
}

function bool(key: string, value: unknown, fallback: boolean, warn: (message: string) => void): boolean {
  if (value === undefined || value === null || typeof value === 'boolean') return typeof value === 'boolean' ? value : fallback;
  warn(`adjoint.${key} is ${JSON.stringify(value)}; it must be true or false. Using the default, ${fallback}.`);
  return fallback;
}

/** Each entry is validated on its own: a bad one falls back to its default (and `warn` is told why). */
export function toServerSettings(config: AdjointConfiguration | null | undefined, warn: (message: string) => void = () => {}): ServerSettings {
  const d = defaultServerSettings();
  const c = config ?? {};
  const low = num('sampling.low', c.sampling?.low, d.analysis.sampleLow, warn);
  const high = num('sampling.high', c.sampling?.high, d.analysis.sampleHigh, warn);
  // An inverted range would sample outside what the user meant; keep the defaults then.
  const inverted = low >= high;
  if (inverted) warn(`adjoint.sampling.low (${low}) must be below adjoint.sampling.high (${high}). Using the defaults, ${d.analysis.sampleLow} to ${d.analysis.sampleHigh}.`);
  return {
    analysis: {
      ...d.analysis,
      atol: num('gradientCheck.atol', c.gradientCheck?.atol, d.analysis.atol, warn),
      rtol: num('gradientCheck.rtol', c.gradientCheck?.rtol, d.analysis.rtol, warn),
      eps: num('gradientCheck.eps', c.gradientCheck?.eps, d.analysis.eps, warn),
      maxCoordinates: num('gradientCheck.maxCoordinates', c.gradientCheck?.maxCoordinates, d.analysis.maxCoordinates, warn),
      maxTensorSize: num('limits.maxTensorSize', c.limits?.maxTensorSize, d.analysis.maxTensorSize, warn),
      maxNodesPerBlock: num('limits.maxNodes', c.limits?.maxNodes, d.analysis.maxNodesPerBlock, warn),
      blockTimeMs: num('limits.blockTimeMs', c.limits?.blockTimeMs, d.analysis.blockTimeMs, warn),
      sampleLow: inverted ? d.analysis.sampleLow : low,
      sampleHigh: inverted ? d.analysis.sampleHigh : high,
    },
    inlayValues: bool('inlayHints.values', c.inlayHints?.values, d.inlayValues, warn),
    inlayAdjoints: bool('inlayHints.adjoints', c.inlayHints?.adjoints, d.inlayAdjoints, warn),
  };
}

/** Each distinct complaint is shown once per server run, not at every configuration change. */
const warned = new Set<string>();

export async function fetchServerSettings(connection: Connection, supported: boolean): Promise<ServerSettings> {
  if (!supported) return defaultServerSettings();
  try {
    const config = await connection.workspace.getConfiguration('adjoint') as AdjointConfiguration | null;
    return toServerSettings(config, (message) => {
      if (warned.has(message)) return;
      warned.add(message);
      void connection.window.showWarningMessage(message);
    });
  } catch (e) {
    connection.console.warn(`adjoint: could not read settings, using defaults (${String(e)})`);
    return defaultServerSettings();
  }
}
