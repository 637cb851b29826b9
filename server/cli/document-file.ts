// Reads a note from disk and analyses it as the editor would (same URI, so the same samples).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentAnalyzer, type BlockAnalysis, type Settings } from '../analysis';
import { languageOf } from '../scan/blocks';
import { NotebookError, readIpynb } from '../scan/ipynb';
import { cellOfOffset, joinCells } from '../scan/notebook';
import { LineIndex } from '../analysis/lines';
import { readNote } from './read-note';

export class UsageError extends Error {}

/** A notebook is analysed as its cells laid end to end (`text`); `cellStarts` says where each begins. */
export interface AnalyzedFile { path: string; text: string; lines: LineIndex; blocks: BlockAnalysis[]; cellStarts?: number[] }

/** Where an offset is: 1-based line and column, counted inside its cell's source in a notebook. */
export interface Place { cell?: number; line: number; column: number }

/** Reads (see read-note.ts: regular text files up to `maxMb`) and analyses one note; UnreadableNote if it cannot. */
export function readAndAnalyze(path: string, settings?: Partial<Settings>, maxMb?: number): AnalyzedFile {
  const text = readNote(path, maxMb);
  const uri = pathToFileURL(resolve(path)).href;
  if (/\.ipynb$/i.test(path)) return analyzeNotebook(path, uri, text, settings);
  const blocks = new DocumentAnalyzer(settings).analyze(uri, text, languageOf(path));
  return { path, text, lines: new LineIndex(text), blocks };
}

function analyzeNotebook(path: string, uri: string, json: string, settings?: Partial<Settings>): AnalyzedFile {
  let notebook;
  try {
    notebook = joinCells(readIpynb(json));
  } catch (e) {
    if (e instanceof NotebookError) throw new UsageError(`${path}: ${e.message}`);
    throw e;
  }
  const blocks = new DocumentAnalyzer(settings).analyzeBlocks(uri, notebook.text, notebook.blocks);
  return { path, text: notebook.text, lines: new LineIndex(notebook.text), blocks, cellStarts: notebook.cellStarts };
}

export function placeOf(file: AnalyzedFile, offset: number): Place {
  const line = file.lines.lineOf(offset);
  const column = file.lines.columnOf(offset);
  if (!file.cellStarts) return { line, column };
  const cell = cellOfOffset({ cellStarts: file.cellStarts }, offset);
  return { cell, line: line - file.lines.lineOf(file.cellStarts[cell]) + 1, column };
}

/** First and last line of a block, delimiters included (the end offset is exclusive); in a notebook
 *  its cell first, and lines inside the cell. */
export function blockLines(file: AnalyzedFile, a: BlockAnalysis): { cell?: number; line: number; endLine: number } {
  const { span } = a.block;
  const { cell, line } = placeOf(file, span.start);
  const endLine = placeOf(file, Math.max(span.start, span.end - 1)).line;
  return cell === undefined ? { line, endLine } : { cell, line, endLine };
}

/** Where a block in error fails: the line and column of its first error (null when it has none). */
export function errorPlace(file: AnalyzedFile, a: BlockAnalysis): Place | null {
  const problem = a.problems.find((p) => p.severity === 'error');
  return problem ? placeOf(file, problem.span.start) : null;
}

/** "line 2" or, in a notebook, "cell 3, line 2". */
export const lineText = (place: { cell?: number; line: number }): string =>
  `${place.cell === undefined ? '' : `cell ${place.cell}, `}line ${place.line}`;

/** "line 2, col 5" (in a notebook "cell 3, line 2, col 5") for an error's place. */
export const placeText = (place: Place): string => `${lineText(place)}, col ${place.column}`;
