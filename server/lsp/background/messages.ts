// The messages between the server's main thread (background/noteWorker.ts) and a note's
// background worker (background/worker.ts). All plain data: they cross the thread boundary by copy.
import type { Diagnostic } from 'vscode-languageserver';
import type { Settings } from '../../analysis';
import type { CheckParams, CheckResult } from '../../protocol';
import type { LanguageId } from '../analysisStore';
import type { StoredCheck } from '../checkResults';
import type { FeatureName } from '../features';
import type { InlayOptions } from '../inlayHints';

/** The FeatureContext, as data. */
export interface ContextData { typesetImages: boolean; inlay: InlayOptions; checks: StoredCheck[] }

/** What the worker analyses: a text document, or a notebook's cells (one note). */
export type NoteSource =
  | { kind: 'document'; languageId: LanguageId; text: string }
  | { kind: 'notebook'; cells: Array<{ uri: string; kind: 'markdown' | 'code'; text?: { languageId: string; version: number; text: string } }> };

/** `view`: the URI whose view of the note answers (the document, or a notebook's cell). */
export type ToWorker =
  /** Analyse this version now; answer `analyzed` with the diagnostics of the blocks in `deferred`. */
  | { kind: 'analyze'; uri: string; version: number; source: NoteSource; deferred: number[] }
  /** `only`: answer from these blocks alone (a whole-document feature merged with the main thread's). */
  | { kind: 'feature'; id: number; version: number; view: string; feature: FeatureName; params: unknown; context: ContextData; only?: number[] }
  | { kind: 'check'; id: number; version: number; view: string; params: CheckParams }
  | { kind: 'cancel'; id: number };

export type FromWorker =
  /** `diagnostics`: per view URI, of the deferred blocks. */
  | { kind: 'analyzed'; version: number; diagnostics: Record<string, Diagnostic[]> }
  /** `result` undefined: the worker no longer has that version. */
  | { kind: 'answer'; id: number; result?: unknown; error?: string }
  | { kind: 'progress'; id: number; done: number; total: number };

/** Given to the worker at its start. */
export interface WorkerData { settings: Settings }
