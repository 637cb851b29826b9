// A notebook's cells as ONE note (SPEC §1): each cell is scanned on its own (an unclosed `$$` in one
// cell never swallows the next), then the cells are laid end to end in one text, a newline between
// two cells, so that the document analysis runs on them exactly as on the blocks of a Markdown file.
// Offsets of that text map back to a cell and a place inside the cell's source.
import { scanDocument } from './blocks';
import { lineEndAt, nextLineStart } from './text';
import type { MathBlock } from './types';

/** One cell as the notebook holds it; `language` is a code cell's language when known. */
export interface NotebookCellSource { kind: 'markdown' | 'code' | 'raw'; language?: string; text: string }

export interface NotebookText {
  /** The cells joined, a "\n" after each but the last. Block spans are offsets into it. */
  text: string;
  /** Offset of each cell's first character in `text`. */
  cellStarts: number[];
  /** Every cell's math blocks in cell order, indexed across the whole notebook. */
  blocks: MathBlock[];
  /** The cell of each block (same order as `blocks`). */
  blockCells: number[];
}

const AUTODIFF_MAGIC = /^%%autodiff[ \t]*$/;

/** The math blocks of one cell, in the cell's own offsets: Markdown cells as Markdown; a code cell
 *  whose language is `autodiff` is one block; one whose first line is `%%autodiff` is one block
 *  after that line; other cells hold no math. */
export function cellBlocks(cell: NotebookCellSource): MathBlock[] {
  if (cell.kind === 'markdown') return scanDocument(cell.text, 'markdown');
  if (cell.kind !== 'code') return [];
  if (cell.language === 'autodiff') return scanDocument(cell.text, 'autodiff');
  const firstLineEnd = lineEndAt(cell.text, 0);
  if (!AUTODIFF_MAGIC.test(cell.text.slice(0, firstLineEnd))) return [];
  const start = nextLineStart(cell.text, firstLineEnd);
  return [{
    index: 0, kind: 'fence', syntax: 'autodiff',
    span: { start: 0, end: cell.text.length }, content: { start, end: cell.text.length }, text: cell.text.slice(start),
  }];
}

/** Lays the cells end to end; `scan` finds each cell's blocks (cachedCellScanner passes a memoised one,
 *  so that an edit scans only the edited cell again). */
export function joinCells(cells: readonly NotebookCellSource[], scan: (cell: NotebookCellSource) => MathBlock[] = cellBlocks): NotebookText {
  const parts: string[] = [];
  const cellStarts: number[] = [];
  const blocks: MathBlock[] = [];
  const blockCells: number[] = [];
  let offset = 0;
  cells.forEach((cell, k) => {
    cellStarts.push(offset);
    for (const b of scan(cell)) {
      blocks.push(shifted(b, offset, blocks.length));
      blockCells.push(k);
    }
    parts.push(cell.text);
    offset += cell.text.length + 1;
  });
  return { text: parts.join('\n'), cellStarts, blocks, blockCells };
}

/** A memoised cellBlocks that keeps only the cells seen by the latest joinCells (no growth). */
export function cachedCellScanner(): (cells: readonly NotebookCellSource[]) => NotebookText {
  let previous = new Map<string, MathBlock[]>();
  return (cells) => {
    const next = new Map<string, MathBlock[]>();
    const text = joinCells(cells, (cell) => {
      const key = `${cell.kind}\u0000${cell.language ?? ''}\u0000${cell.text}`;
      const blocks = next.get(key) ?? previous.get(key) ?? cellBlocks(cell);
      next.set(key, blocks);
      return blocks;
    });
    previous = next;
    return text;
  };
}

/** The cell holding `offset` of the joined text (the newline after a cell belongs to that cell). */
export function cellOfOffset(notebook: Pick<NotebookText, 'cellStarts'>, offset: number): number {
  const starts = notebook.cellStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function shifted(b: MathBlock, by: number, index: number): MathBlock {
  const out: MathBlock = {
    index, kind: b.kind, syntax: b.syntax, text: b.text,
    span: { start: b.span.start + by, end: b.span.end + by },
    content: { start: b.content.start + by, end: b.content.end + by },
  };
  if (b.annotation) out.annotation = { text: b.annotation.text, span: { start: b.annotation.span.start + by, end: b.annotation.span.end + by } };
  return out;
}
