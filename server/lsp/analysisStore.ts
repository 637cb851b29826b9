// Keeps each open document's latest analysis. While the user types, analysis is debounced;
// a request never waits for the timer: it analyses the latest text on demand when stale.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer, type BlockAnalysis, type BlockWatch, type Settings } from '../analysis';
import { languageOf } from '../scan/blocks';
import type { CellPlaces } from './notebookNote';

export type LanguageId = 'markdown' | 'latex' | 'autodiff';

export interface AnalyzedDocument {
  document: TextDocument;
  blocks: BlockAnalysis[];
  /** Set for a notebook cell (lsp/notebookNote.ts): spans may lie in other cells of the note. */
  cells?: CellPlaces;
  /** A notebook cell's note: the analysis the background worker is told of (absent: the document itself). */
  owner?: { uri: string; version: number };
}

export const DEBOUNCE_MS = 150;

export function languageIdOf(document: TextDocument): LanguageId {
  const id = document.languageId;
  if (id === 'markdown' || id === 'latex' || id === 'autodiff') return id;
  if (id === 'tex') return 'latex';
  return languageOf(document.uri);
}

export class AnalysisStore {
  private analyzer: DocumentAnalyzer;
  private readonly cache = new Map<string, { version: number; blocks: BlockAnalysis[] }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** `background`: told of every new analysis, so it takes over the blocks deferred there (settings.deferAfterMs). */
  constructor(settings: Settings, private readonly log: (message: string) => void, private readonly watch?: BlockWatch, private readonly background?: { update(doc: AnalyzedDocument): void }) {
    this.analyzer = new DocumentAnalyzer(settings, watch);
  }

  /** New settings change values (sampling range, limits): drop everything cached. */
  reconfigure(settings: Settings): void {
    this.analyzer = new DocumentAnalyzer(settings, this.watch);
    this.cache.clear();
  }

  /** The analysis of exactly this version of the document, computed now if needed. */
  get(document: TextDocument): AnalyzedDocument {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version) return { document, blocks: cached.blocks };
    let blocks: BlockAnalysis[] = [];
    try {
      blocks = this.analyzer.analyze(document.uri, document.getText(), languageIdOf(document));
    } catch (e) {
      // Contract 3 promises no throws; if one slips through, the document shows nothing rather than crashing.
      this.log(`adjoint: analysis of ${document.uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
    this.cache.set(document.uri, { version: document.version, blocks });
    this.background?.update({ document, blocks });
    return { document, blocks };
  }

  /** Analyse after the user pauses typing, then call `done` (publish diagnostics, refresh). */
  schedule(document: TextDocument, done: (analyzed: AnalyzedDocument) => void, delay = DEBOUNCE_MS): void {
    this.cancel(document.uri);
    this.timers.set(document.uri, setTimeout(() => {
      this.timers.delete(document.uri);
      done(this.get(document));
    }, delay));
  }

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  forget(uri: string): void {
    this.cancel(uri);
    this.cache.delete(uri);
    this.analyzer.forget(uri);
  }
}
