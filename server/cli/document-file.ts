// Reads a note from disk and analyses it as the editor would (same URI, so the same samples).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentAnalyzer, type BlockAnalysis, type Settings } from '../analysis';
import { languageOf } from '../scan/blocks';
import { LineIndex } from '../analysis/lines';

export class UsageError extends Error {}

export interface AnalyzedFile { path: string; text: string; lines: LineIndex; blocks: BlockAnalysis[] }

export function readAndAnalyze(path: string, settings?: Partial<Settings>): AnalyzedFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new UsageError(`cannot read ${path}: ${why}`);
  }
  const uri = pathToFileURL(resolve(path)).href;
  const blocks = new DocumentAnalyzer(settings).analyze(uri, text, languageOf(path));
  return { path, text, lines: new LineIndex(text), blocks };
}

/** First and last line of a block, delimiters included (the end offset is exclusive). */
export function blockLines(file: AnalyzedFile, a: BlockAnalysis): { line: number; endLine: number } {
  const { span } = a.block;
  return { line: file.lines.lineOf(span.start), endLine: file.lines.lineOf(Math.max(span.start, span.end - 1)) };
}

/** Where a block in error fails: the line and column of its first error (null when it has none). */
export function errorPlace(file: AnalyzedFile, a: BlockAnalysis): { line: number; column: number } | null {
  const problem = a.problems.find((p) => p.severity === 'error');
  return problem ? { line: file.lines.lineOf(problem.span.start), column: file.lines.columnOf(problem.span.start) } : null;
}

/** "line 2, col 5" for an error's place. */
export const placeText = (place: { line: number; column: number }): string => `line ${place.line}, col ${place.column}`;
