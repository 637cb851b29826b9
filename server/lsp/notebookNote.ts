// A notebook's cells as one note: their texts laid end to end (server/scan/notebook.ts), analysed as one
// document by the incremental DocumentAnalyzer, and each cell served to the ordinary feature handlers as
// an AnalyzedDocument of its own: its blocks, and a document view whose positions are the cell's while
// its offsets are those of the joined text (the spans the analysis carries). Used by the server's
// notebook sync (notebooks.ts) and by a notebook's background worker (background/worker.ts).
import type { Location } from 'vscode-languageserver';
import { TextDocument, type Position, type Range } from 'vscode-languageserver-textdocument';
import type { BlockAnalysis, DocumentAnalyzer } from '../analysis';
import type { Span } from '../parse/ast';
import { cachedCellScanner, cellOfOffset, type NotebookCellSource, type NotebookText } from '../scan/notebook';
import type { AnalyzedDocument } from './analysisStore';

/** A cell as the note needs it: its kind, and its text when the server has it. */
export interface NoteCell { uri: string; kind: 'markdown' | 'code'; document: TextDocument | undefined }

/** What a cell's handlers need to know about the other cells. */
export interface CellPlaces {
  /** Where a span of the joined text is: its cell's URI and a range in that cell. */
  location(span: Span): Location;
  /** "cell 2, line 3" for people (cells counted from 0, as `adjoint eval` does). */
  lineText(offset: number): string;
  /** The blocks of every cell, in note order (the cell's own blocks are among them). */
  noteBlocks: readonly BlockAnalysis[];
}

export interface NotebookAnalysis {
  key: string;
  /** Counts the analyses of this notebook: the background worker's version of it. */
  version: number;
  joined: NotebookText;
  whole: TextDocument;
  cells: Array<TextDocument | undefined>;
  startLines: number[];
  blocks: BlockAnalysis[];
}

export class NotebookNotes {
  private readonly analyses = new Map<string, NotebookAnalysis>();
  private readonly scanners = new Map<string, ReturnType<typeof cachedCellScanner>>();
  private made = 0;

  constructor(private readonly analyzer: () => DocumentAnalyzer, private readonly log: (message: string) => void) {}

  /** The analysis of these cells (the cached one while no cell text and no cell changed), and whether it is new. */
  analyze(notebookUri: string, cells: readonly NoteCell[]): { analysis: NotebookAnalysis; fresh: boolean } {
    const key = cells.map((c) => `${c.uri}@${c.document?.version ?? '-'}`).join('\n');
    const cached = this.analyses.get(notebookUri);
    if (cached?.key === key) return { analysis: cached, fresh: false };
    const sources: NotebookCellSource[] = cells.map((c) => ({ kind: c.kind, language: c.document?.languageId, text: c.document?.getText() ?? '' }));
    let scan = this.scanners.get(notebookUri);
    if (!scan) this.scanners.set(notebookUri, scan = cachedCellScanner());
    const joined = scan(sources);
    const whole = TextDocument.create(notebookUri, 'markdown', 0, joined.text);
    let blocks: BlockAnalysis[] = [];
    try {
      blocks = this.analyzer().analyzeBlocks(notebookUri, joined.text, joined.blocks);
    } catch (e) {
      // Contract 3 promises no throws; if one slips through, the notebook shows nothing rather than crashing.
      this.log(`adjoint: analysis of ${notebookUri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
    const startLines = joined.cellStarts.map((start) => whole.positionAt(start).line);
    const analysis: NotebookAnalysis = { key, version: ++this.made, joined, whole, cells: cells.map((c) => c.document), startLines, blocks };
    this.analyses.set(notebookUri, analysis);
    return { analysis, fresh: true };
  }

  forget(notebookUri: string): void {
    this.analyses.delete(notebookUri);
    this.scanners.delete(notebookUri);
    this.analyzer().forget(notebookUri);
  }

  /** Drops every analysis (new settings). */
  clear(): void {
    this.analyses.clear();
  }

  /** Cell `k` of the analysis as the feature handlers see it. */
  view(analysis: NotebookAnalysis, k: number): AnalyzedDocument {
    const cell = analysis.cells[k]!;
    const document = new CellDocument(cell, analysis.whole, analysis.joined.cellStarts[k], analysis.startLines[k]);
    const blocks = analysis.blocks.filter((_, i) => analysis.joined.blockCells[i] === k);
    const places: CellPlaces = {
      location: (span) => {
        const j = cellOfOffset(analysis.joined, span.start);
        const range = { start: cellPosition(analysis, j, span.start), end: cellPosition(analysis, j, span.end) };
        return { uri: analysis.cells[j]?.uri ?? cell.uri, range };
      },
      lineText: (offset) => {
        const j = cellOfOffset(analysis.joined, offset);
        return `cell ${j}, line ${cellPosition(analysis, j, offset).line + 1}`;
      },
      noteBlocks: analysis.blocks,
    };
    return { document, blocks, cells: places, owner: { uri: analysis.whole.uri, version: analysis.version } };
  }
}

function cellPosition(analysis: NotebookAnalysis, k: number, offset: number): Position {
  const p = analysis.whole.positionAt(offset);
  return { line: p.line - analysis.startLines[k], character: p.character };
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
