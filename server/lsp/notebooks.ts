// Notebooks over LSP 3.17 notebook document sync: the cells of an open notebook are one note.
// Their texts are laid end to end (server/scan/notebook.ts) and analysed as one document by the
// incremental DocumentAnalyzer, so an edit in one cell re-evaluates only that cell's blocks and the
// later blocks whose inputs changed. Each cell is then served to the ordinary feature handlers as
// an AnalyzedDocument of its own: its blocks, and a document view whose positions are the cell's
// while its offsets are those of the joined text (the spans the analysis carries).
import { NotebookCellKind, NotebookDocuments, type Connection, type Location, type NotebookDocument } from 'vscode-languageserver';
import { TextDocument, type Position, type Range } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer, type BlockAnalysis, type BlockWatch, type Settings } from '../analysis';
import type { Span } from '../parse/ast';
import { cachedCellScanner, cellOfOffset, type NotebookCellSource, type NotebookText } from '../scan/notebook';
import { DEBOUNCE_MS, type AnalyzedDocument } from './analysisStore';

/** The notebooks the server asks for (the client's notebook selector comes from this). */
export const NOTEBOOK_SELECTOR = [{ notebook: { notebookType: 'jupyter-notebook' } }];

/** What a cell's handlers need to know about the other cells. */
export interface CellPlaces {
  /** Where a span of the joined text is: its cell's URI and a range in that cell. */
  location(span: Span): Location;
  /** "cell 2, line 3" for people (cells counted from 0, as `adjoint eval` does). */
  lineText(offset: number): string;
  /** The blocks of every cell, in note order (the cell's own blocks are among them). */
  noteBlocks: readonly BlockAnalysis[];
}

interface NotebookAnalysis {
  key: string;
  joined: NotebookText;
  whole: TextDocument;
  cells: Array<TextDocument | undefined>;
  startLines: number[];
  blocks: BlockAnalysis[];
}

export class NotebookStore {
  readonly documents = new NotebookDocuments(TextDocument);
  private analyzer: DocumentAnalyzer;
  private readonly analyses = new Map<string, NotebookAnalysis>();
  private readonly scanners = new Map<string, ReturnType<typeof cachedCellScanner>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per notebook, per cell URI: what was last published (unchanged cells are not sent again). */
  private readonly published = new Map<string, Map<string, string>>();

  constructor(settings: Settings, private readonly log: (message: string) => void, private readonly watch?: BlockWatch) {
    this.analyzer = new DocumentAnalyzer(settings, watch);
  }

  reconfigure(settings: Settings): void {
    this.analyzer = new DocumentAnalyzer(settings, this.watch);
    this.analyses.clear();
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
    return k < 0 ? undefined : this.viewOf(this.analyze(notebook), k);
  }

  /** Every cell's view of the latest analysis (cells whose text the server does not have are left out). */
  cellViews(notebookUri: string): AnalyzedDocument[] {
    const notebook = this.documents.getNotebookDocument(notebookUri);
    if (!notebook) return [];
    const analysis = this.analyze(notebook);
    return analysis.cells.flatMap((cell, k) => (cell ? [this.viewOf(analysis, k)] : []));
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
    this.analyses.delete(notebookUri);
    this.scanners.delete(notebookUri);
    this.analyzer.forget(notebookUri);
    return published;
  }

  private cancel(notebookUri: string): void {
    const timer = this.timers.get(notebookUri);
    if (timer) clearTimeout(timer);
    this.timers.delete(notebookUri);
  }

  /** The analysis of the notebook's current cells, computed now if any cell or the cell list changed. */
  private analyze(notebook: NotebookDocument): NotebookAnalysis {
    const cells = notebook.cells.map((c) => this.documents.getCellTextDocument(c));
    const key = notebook.cells.map((c, k) => `${c.document}@${cells[k]?.version ?? '-'}`).join('\n');
    const cached = this.analyses.get(notebook.uri);
    if (cached?.key === key) return cached;
    const sources: NotebookCellSource[] = notebook.cells.map((c, k) => ({
      kind: c.kind === NotebookCellKind.Markup ? 'markdown' : 'code',
      language: cells[k]?.languageId,
      text: cells[k]?.getText() ?? '',
    }));
    let scan = this.scanners.get(notebook.uri);
    if (!scan) this.scanners.set(notebook.uri, scan = cachedCellScanner());
    const joined = scan(sources);
    const whole = TextDocument.create(notebook.uri, 'markdown', notebook.version, joined.text);
    let blocks: BlockAnalysis[] = [];
    try {
      blocks = this.analyzer.analyzeBlocks(notebook.uri, joined.text, joined.blocks);
    } catch (e) {
      // Contract 3 promises no throws; if one slips through, the notebook shows nothing rather than crashing.
      this.log(`adjoint: analysis of ${notebook.uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
    const startLines = joined.cellStarts.map((start) => whole.positionAt(start).line);
    const analysis: NotebookAnalysis = { key, joined, whole, cells, startLines, blocks };
    this.analyses.set(notebook.uri, analysis);
    return analysis;
  }

  private viewOf(analysis: NotebookAnalysis, k: number): AnalyzedDocument {
    const cell = analysis.cells[k]!;
    const document = new CellDocument(cell, analysis.whole, analysis.joined.cellStarts[k], analysis.startLines[k]);
    const blocks = analysis.blocks.filter((_, i) => analysis.joined.blockCells[i] === k);
    const places: CellPlaces = {
      location: (span) => {
        const j = cellOfOffset(analysis.joined, span.start);
        const range = { start: this.cellPosition(analysis, j, span.start), end: this.cellPosition(analysis, j, span.end) };
        return { uri: analysis.cells[j]?.uri ?? cell.uri, range };
      },
      lineText: (offset) => {
        const j = cellOfOffset(analysis.joined, offset);
        return `cell ${j}, line ${this.cellPosition(analysis, j, offset).line + 1}`;
      },
      noteBlocks: analysis.blocks,
    };
    return { document, blocks, cells: places };
  }

  private cellPosition(analysis: NotebookAnalysis, k: number, offset: number): Position {
    const p = analysis.whole.positionAt(offset);
    return { line: p.line - analysis.startLines[k], character: p.character };
  }
}

/** A cell as the feature handlers see it: positions in the cell, offsets (and getText()) in the
 *  joined text of the notebook, so that the analysis' spans need no translation. */
class CellDocument implements TextDocument {
  constructor(private readonly cell: TextDocument, private readonly whole: TextDocument, private readonly start: number, private readonly startLine: number) {}

  get uri(): string { return this.cell.uri; }
  get languageId(): string { return this.cell.languageId; }
  get version(): number { return this.cell.version; }
  get lineCount(): number { return this.cell.lineCount; }

  getText(range?: Range): string {
    return range ? this.cell.getText(range) : this.whole.getText();
  }

  positionAt(offset: number): Position {
    const p = this.whole.positionAt(offset);
    return { line: p.line - this.startLine, character: p.character };
  }

  offsetAt(position: Position): number {
    return this.start + this.cell.offsetAt(position);
  }

  getLineRange(line: number): Range { return this.cell.getLineRange(line); }
  getEOLCharacters(line: number): string { return this.cell.getEOLCharacters(line); }
}
