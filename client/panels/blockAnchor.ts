// Where a panel's block is while the user edits: its text and where that text starts in the document,
// carried through each text change (VS Code's contentChanges), and matched against the server's current
// blocks. Pure: no `vscode`, so the rules are unit-tested on their own.

/** Offsets into the document text (UTF-16, `\r\n` counts two), end exclusive. */
export interface OffsetRange { start: number; end: number }

/**
 * The block's current text and its offset. Keeping the text lets a change that rewrites the whole
 * document (VS Code reports a line-end switch that way) find the block again inside its new text.
 * A deleted block keeps its last text and the place it was cut from, so that an undo, which puts the same
 * text back there, brings it back: `revived` until the server confirms a block with exactly that text.
 */
export type BlockAnchor =
  | { deleted?: false; start: number; text: string; revived?: boolean }
  | { deleted: true; at: number; text: string };
export type LiveAnchor = Extract<BlockAnchor, { start: number }>;

/** One replacement, as in vscode.TextDocumentContentChangeEvent: `rangeLength` characters at `rangeOffset` become `text`. */
export interface TextChange { rangeOffset: number; rangeLength: number; text: string }

export function anchorRange(anchor: LiveAnchor): OffsetRange {
  return { start: anchor.start, end: anchor.start + anchor.text.length };
}

/**
 * The anchor after `changes`, applied in order (each change's offsets refer to the text the previous ones
 * left, as VS Code and LSP define a change event). Text inserted exactly at the block's start or end lands
 * outside it; a change that replaces part of the block and part of its surroundings leaves the block the
 * part that is still there; a change that replaces all of it keeps it only if its text is still in the new
 * text (line ends converted), else the block is deleted. A change at the place of a deleted block that
 * brings its text back revives it.
 */
export function mapAnchor(anchor: BlockAnchor, changes: readonly TextChange[]): BlockAnchor {
  return changes.reduce((current, change) => (current.deleted ? reviveThroughOne(current, change) : mapThroughOne(current, change)), anchor);
}

function mapThroughOne(anchor: LiveAnchor, change: TextChange): BlockAnchor {
  const { start, text } = anchor;
  const end = start + text.length;
  const from = change.rangeOffset;
  const to = change.rangeOffset + change.rangeLength;
  const moved = (at: number, newText: string): LiveAnchor => ({ ...anchor, start: at, text: newText });
  if (to <= start) return moved(start + change.text.length - change.rangeLength, text);   // before it, or touching its start
  if (from >= end) return anchor;                                                          // after it, or touching its end
  if (from <= start && to >= end) {                                                        // all of it replaced
    const found = findAgain(text, start - from, change);
    return found ? { ...anchor, ...found } : { deleted: true, at: from, text };
  }
  if (from < start) return moved(from + change.text.length, text.slice(to - start));       // straddles its start
  if (to > end) return moved(start, text.slice(0, from - start));                          // straddles its end
  return moved(start, text.slice(0, from - start) + change.text + text.slice(to - start)); // inside it
}

function reviveThroughOne(deleted: Extract<BlockAnchor, { deleted: true }>, change: TextChange): BlockAnchor {
  const from = change.rangeOffset;
  const to = change.rangeOffset + change.rangeLength;
  if (to < deleted.at || (to === deleted.at && from < to)) return { ...deleted, at: deleted.at + change.text.length - change.rangeLength };
  if (from > deleted.at) return deleted;
  const found = findAgain(deleted.text, deleted.at - from, change);
  return found ? { ...found, revived: true } : { ...deleted, at: from };
}

/** `text` inside a change's new text that replaced where it was (`wasAt`, relative to the change): the occurrence nearest to it. */
function findAgain(text: string, wasAt: number, change: TextChange): LiveAnchor | null {
  let best: { at: number; text: string } | null = null;
  for (const variant of lineEndVariants(text)) {
    for (let at = change.text.indexOf(variant); at >= 0; at = change.text.indexOf(variant, at + 1)) {
      if (!best || Math.abs(at - wasAt) < Math.abs(best.at - wasAt)) best = { at, text: variant };
    }
  }
  return best && { start: change.rangeOffset + best.at, text: best.text };
}

function lineEndVariants(text: string): string[] {
  const lf = text.replace(/\r\n/g, '\n');
  return [...new Set([text, lf, lf.replace(/\n/g, '\r\n')])];
}

/** A block as the server lists it, in offsets of the same text as the anchor. */
export interface PlacedBlock { index: number; range: OffsetRange }

/** The block that shares the most text with `anchor`, or null when none shares any (the block is gone). */
export function matchBlock(anchor: OffsetRange, blocks: readonly PlacedBlock[]): PlacedBlock | null {
  let best: PlacedBlock | null = null;
  let bestOverlap = 0;
  for (const block of blocks) {
    const overlap = Math.min(anchor.end, block.range.end) - Math.max(anchor.start, block.range.start);
    if (overlap > bestOverlap) { best = block; bestOverlap = overlap; }
  }
  return best;
}
