// A document's analysis seen as part of its note: a notebook cell's handlers see only the cell's own
// blocks, but names, sampled values and places reach across the cells of the note.
import type { BlockAnalysis } from '../analysis';
import type { AnalyzedDocument } from './analysisStore';
import { lineOf } from './markdown';

/** Every block of the note: a notebook's cells together, else the document's own blocks. */
export function noteBlocks(analyzed: AnalyzedDocument): readonly BlockAnalysis[] {
  return analyzed.cells?.noteBlocks ?? analyzed.blocks;
}

/** Where an offset of the analysis' text is, for people: "line 5"; in a notebook "cell 2, line 3". */
export function placeText(analyzed: AnalyzedDocument): (offset: number) => string {
  if (analyzed.cells) return analyzed.cells.lineText;
  const text = analyzed.document.getText();
  return (offset) => `line ${lineOf(text, offset)}`;
}
