// Keeps a panel on its block while the document is edited. A block index names another block as soon as
// one is inserted or removed above it, so the tracker anchors the block by its text and offset, carries
// that anchor through every change of the document, and asks the server which block it is now.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { blocksRequest, type BlockSummary } from '../../server/protocol';
import { anchorRange, mapAnchor, matchBlock, type BlockAnchor, type PlacedBlock } from './blockAnchor';

/**
 * index: known by index only (just chosen, not anchored yet); anchored: carried through the edits (maybe
 * deleted, maybe revived by an undo); lost: restored after a reload as deleted, with nothing to revive.
 */
type Tracking = { kind: 'index' } | { kind: 'anchored'; anchor: BlockAnchor } | { kind: 'lost' };

export type Located = { blockIndex: number } | { deleted: true };

export class BlockTracker implements vscode.Disposable {
  private tracking: Tracking;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly client: LanguageClient, private uri: string, deleted = false) {
    this.tracking = deleted ? { kind: 'lost' } : { kind: 'index' };
    this.subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (this.tracking.kind !== 'anchored' || event.document.uri.toString() !== this.uri) return;
      this.tracking = { kind: 'anchored', anchor: mapAnchor(this.tracking.anchor, event.contentChanges) };
    });
  }

  /** The panel was sent to another block (a command, a CodeLens, the cursor): anchor it at its next load. */
  follow(uri: string): void {
    this.uri = uri;
    this.tracking = { kind: 'index' };
  }

  /**
   * The index of the tracked block in the server's current analysis. `knownIndex` is the index the panel
   * last showed: a block known by index only is anchored from it.
   */
  async locate(knownIndex: number): Promise<Located> {
    if (this.isDeleted()) return { deleted: true };
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri);
    if (!document) return { blockIndex: knownIndex };   // not open: the server does not have it either
    const version = document.version;
    const summaries = await this.client.sendRequest(blocksRequest, { textDocument: { uri: this.uri } });
    // The list's ranges describe the text the server had; they convert to offsets only if the text is unchanged.
    const upToDate = !document.isClosed && document.version === version;
    const blocks = summaries.map((b) => this.placed(document, b));
    const tracking = this.tracking as Tracking;   // changes may have arrived while the request was out
    if (tracking.kind === 'lost') return { deleted: true };
    if (tracking.kind === 'index') {
      const block = blocks.find((b) => b.index === knownIndex);
      if (block && upToDate) this.anchorAt(document, block);
      return { blockIndex: knownIndex };
    }
    const anchor = tracking.anchor;
    if (anchor.deleted) return { deleted: true };
    const range = anchorRange(anchor);
    // Text put back where a deleted block was is that block only if it is a whole block again.
    const match = anchor.revived
      ? blocks.find((b) => b.range.start === range.start && b.range.end === range.end) ?? null
      : matchBlock(range, blocks);
    if (!upToDate) return { blockIndex: match?.index ?? knownIndex };   // a newer analysis is on its way
    if (!match) {
      if (anchor.revived) this.tracking = { kind: 'anchored', anchor: { deleted: true, at: anchor.start, text: anchor.text } };
      // Otherwise no block is where the anchor is: its delimiters were edited away. The anchor stays, in case they come back.
      return { deleted: true };
    }
    this.anchorAt(document, match);
    return { blockIndex: match.index };
  }

  private isDeleted(): boolean {
    return this.tracking.kind === 'lost' || (this.tracking.kind === 'anchored' && this.tracking.anchor.deleted === true);
  }

  private placed(document: vscode.TextDocument, block: BlockSummary): PlacedBlock {
    const offsetOf = (p: BlockSummary['range']['start']) => document.offsetAt(this.client.protocol2CodeConverter.asPosition(p));
    return { index: block.index, range: { start: offsetOf(block.range.start), end: offsetOf(block.range.end) } };
  }

  private anchorAt(document: vscode.TextDocument, block: PlacedBlock): void {
    const { start, end } = block.range;
    const text = document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end)));
    this.tracking = { kind: 'anchored', anchor: { start, text } };
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
