// Notebooks over LSP 3.17 notebook document sync: the cells of an open notebook are one note
// (notebookNote.ts), so an edit in one cell re-evaluates only that cell's blocks and the later blocks
// whose inputs changed. This file keeps the server's copy of the notebooks in sync and publishes per cell.
import { NotebookCellKind, NotebookDocuments, type Connection, type NotebookDocument } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer, type BlockWatch, type Settings } from '../analysis';
import { DEBOUNCE_MS, type AnalyzedDocument } from './analysisStore';
import { NotebookNotes, type NotebookAnalysis, type NoteCell } from './notebookNote';

export type { CellPlaces } from './notebookNote';

/** The notebooks the server asks for (the client's notebook selector comes from this). */
export const NOTEBOOK_SELECTOR = [{ notebook: { notebookType: 'jupyter-notebook' } }];

/** Told of every new analysis of a notebook (the background analysis, for the blocks deferred there). */
export interface NotebookListener { updateNotebook(notebookUri: string, analysis: NotebookAnalysis, cells: readonly NoteCell[]): void }

export class NotebookStore {
  readonly documents = new NotebookDocuments(TextDocument);
  private analyzer: DocumentAnalyzer;
  private readonly notes: NotebookNotes;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per notebook, per cell URI: what was last published (unchanged cells are not sent again). */
  private readonly published = new Map<string, Map<string, string>>();

  constructor(settings: Settings, log: (message: string) => void, private readonly watch?: BlockWatch, private readonly listener?: NotebookListener) {
    this.analyzer = new DocumentAnalyzer(settings, watch);
    this.notes = new NotebookNotes(() => this.analyzer, log);
  }

  reconfigure(settings: Settings): void {
    this.analyzer = new DocumentAnalyzer(settings, this.watch);
    this.notes.clear();
    this.published.clear();
  }

  /** Keeps the notebooks in sync and calls `changed` after EVERY change: NotebookDocuments' own
   *  onDidChange stays silent when cells only move (a structure change that opens and closes no
   *  cell text), which changes the note all the same. */
  listen(connection: Connection, changed: (notebookUri: string) => void): void {
    const sync = connection.notebooks.synchronization;
    const relay = {
      notebooks: {
        synchronization: {
          onDidOpenNotebookDocument: sync.onDidOpenNotebookDocument.bind(sync),
          onDidSaveNotebookDocument: sync.onDidSaveNotebookDocument.bind(sync),
          onDidCloseNotebookDocument: sync.onDidCloseNotebookDocument.bind(sync),
          onDidChangeNotebookDocument: (handler: Parameters<typeof sync.onDidChangeNotebookDocument>[0]) =>
            sync.onDidChangeNotebookDocument(async (params) => {
              await handler(params);
              changed(params.notebookDocument.uri);
            }),
        },
      },
    };
    this.documents.listen(relay as unknown as Connection);
  }

  /** The analysis as one cell sees it, or undefined when `uri` is not a cell of an open notebook. */
  cellView(uri: string): AnalyzedDocument | undefined {
    const notebook = this.documents.findNotebookDocumentForCell(uri);
    if (!notebook) return undefined;
    const k = notebook.cells.findIndex((c) => c.document === uri);
    return k < 0 ? undefined : this.notes.view(this.analyze(notebook), k);
  }

  /** Every cell's view of the latest analysis (cells whose text the server does not have are left out). */
  cellViews(notebookUri: string): AnalyzedDocument[] {
    const notebook = this.documents.getNotebookDocument(notebookUri);
    if (!notebook) return [];
    const analysis = this.analyze(notebook);
    return analysis.cells.flatMap((cell, k) => (cell ? [this.notes.view(analysis, k)] : []));
  }

  /** The cells whose published state `render` changed since the last call, and the cells published
   *  before that are gone now (their diagnostics must be cleared). */
  changes<T>(notebookUri: string, render: (view: AnalyzedDocument) => T): { changed: Array<{ view: AnalyzedDocument; rendered: T }>; removed: string[] } {
    const before = this.published.get(notebookUri) ?? new Map<string, string>();
    const after = new Map<string, string>();
    const changed: Array<{ view: AnalyzedDocument; rendered: T }> = [];
    for (const view of this.cellViews(notebookUri)) {
      // A cell without math that never had any has nothing to clear.
      if (view.blocks.length === 0 && !before.has(view.document.uri)) continue;
      const rendered = render(view);
      const signature = JSON.stringify([view.document.version, rendered, view.blocks.map((b) => [b.status, b.message, b.value])]);
      after.set(view.document.uri, signature);
      if (before.get(view.document.uri) !== signature) changed.push({ view, rendered });
    }
    this.published.set(notebookUri, after);
    return { changed, removed: [...before.keys()].filter((uri) => !after.has(uri)) };
  }

  /** Analyse after the user pauses typing, then call `done`. */
  schedule(notebookUri: string, done: (notebookUri: string) => void, delay = DEBOUNCE_MS): void {
    this.cancel(notebookUri);
    this.timers.set(notebookUri, setTimeout(() => {
      this.timers.delete(notebookUri);
      done(notebookUri);
    }, delay));
  }

  /** A closed notebook: its caches go; returns the cell URIs that had something published. */
  forget(notebookUri: string): string[] {
    this.cancel(notebookUri);
    const published = [...(this.published.get(notebookUri)?.keys() ?? [])];
    this.published.delete(notebookUri);
    this.notes.forget(notebookUri);
    return published;
  }

  private cancel(notebookUri: string): void {
    const timer = this.timers.get(notebookUri);
    if (timer) clearTimeout(timer);
    this.timers.delete(notebookUri);
  }

  /** The analysis of the notebook's current cells, computed now if any cell or the cell list changed. */
  private analyze(notebook: NotebookDocument): NotebookAnalysis {
    const cells: NoteCell[] = notebook.cells.map((c) => ({
      uri: c.document,
      kind: c.kind === NotebookCellKind.Markup ? 'markdown' : 'code',
      document: this.documents.getCellTextDocument(c),
    }));
    const { analysis, fresh } = this.notes.analyze(notebook.uri, cells);
    if (fresh) this.listener?.updateNotebook(notebook.uri, analysis, cells);
    return analysis;
  }
}
