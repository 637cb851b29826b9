// What the graph panel and the trace view share: a webview panel showing one block of one document. It
// reloads when the server reports a new analysis of that document (debounced), stays on its block while
// blocks are inserted or removed around it (BlockTracker), follows the cursor to another evaluable block
// unless pinned, and selects source ranges in the editor.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { blocksRequest, type BlockParams, type BlockSummary } from '../../server/protocol';
import type { PanelRef, WireRange } from '../webview/messages';
import { onAnalysisChanged } from './analysisEvents';
import { BlockTracker } from './blockTracker';
import { pageHtml, webviewOptions, type PageName } from './pageHtml';

const REFRESH_DELAY_MS = 300;
const CURSOR_DELAY_MS = 150;
const ADJOINT_LANGUAGES = new Set(['markdown', 'latex', 'autodiff']);
const TITLE_LENGTH = 40;

type WirePosition = WireRange['start'];

export abstract class BlockPanel<Data extends { uri: string; blockIndex: number; title: string }> {
  protected data: Data | null = null;
  /** Resolves once the page has said it is ready and has been sent the current data. */
  protected pageShowsData: Promise<void>;
  private markPageShowsData: () => void = () => undefined;
  private pageReady = false;
  private blocks: { uri: string; list: Promise<BlockSummary[]> } | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private cursorTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly tracker: BlockTracker;
  /** The panel says its block was deleted (rather than showing `data`). */
  private showsDeletedBlock = false;
  /** Each load takes a ticket: an answer that arrives after a newer load started is dropped. */
  private loadTicket = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly context: vscode.ExtensionContext,
    protected readonly client: LanguageClient,
    protected ref: PanelRef,
    page: PageName,
  ) {
    this.pageShowsData = this.waitForPage();
    this.tracker = new BlockTracker(client, ref.uri, ref.blockDeleted === true);
    panel.webview.options = webviewOptions(context);
    panel.webview.html = pageHtml(panel.webview, context, page, panel.title);
    this.disposables.push(
      this.tracker,
      panel.webview.onDidReceiveMessage((message: { type: string }) => this.onPageMessage(message)),
      panel.onDidDispose(() => this.dispose()),
      // A hidden panel loses its page (no retainContextWhenHidden); the new page says "ready" again.
      panel.onDidChangeViewState(() => {
        if (panel.visible || !this.pageReady) return;
        this.pageReady = false;
        this.pageShowsData = this.waitForPage();
      }),
      onAnalysisChanged(client, (event) => {
        if (event.uri !== this.ref.uri) return;
        this.blocks = null;
        clearTimeout(this.refreshTimer);
        this.refreshTimer = setTimeout(() => void this.load(), REFRESH_DELAY_MS);
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        clearTimeout(this.cursorTimer);
        this.cursorTimer = setTimeout(() => void this.followCursor(event.textEditor), CURSOR_DELAY_MS);
      }),
    );
  }

  private waitForPage(): Promise<void> {
    return new Promise((resolve) => { this.markPageShowsData = resolve; });
  }

  protected abstract request(params: BlockParams): Promise<Data | null>;
  protected abstract postData(data: Data): void;
  protected abstract postError(message: string): void;
  /** Tells the page that the block it showed is gone (the page clears it and remembers that for a reload). */
  protected abstract postBlockDeleted(message: string): void;
  protected abstract onPageMessage(message: { type: string }): void;
  /** "Graph" or "Trace": the start of the panel's title. */
  protected abstract readonly titlePrefix: string;
  /** The cursor is at `position` in this panel's document. */
  protected onCursor(_position: WirePosition): void { /* the trace view has nothing to highlight */ }

  /** Shows another block (a command or a CodeLens asked for it). */
  async showBlock(ref: { uri: string; blockIndex: number }): Promise<void> {
    this.ref = { ...this.ref, uri: ref.uri, blockIndex: ref.blockIndex };
    this.tracker.follow(ref.uri);
    await this.load();
  }

  /** Pins the panel to its block, or lets it follow the cursor again (from the page's toggle or a command). */
  protected setPinned(pinned: boolean, tellPage: boolean): void {
    this.ref = { ...this.ref, pinned };
    // The page keeps the pin state for a reload and shows it in its toggle.
    if (tellPage && this.data && !this.showsDeletedBlock) this.send(this.data);
    if (this.showsDeletedBlock) this.showBlockDeleted();   // its message says what to do, which depends on the pin
    if (pinned) return;
    const editor = vscode.window.activeTextEditor
      ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.ref.uri);
    if (editor) void this.followCursor(editor);
  }

  /** The page (re)loaded: VS Code recreates it when a hidden panel is shown again. */
  protected pageIsReady(): void {
    this.pageReady = true;
    if (this.data) this.send(this.data);
    else void this.load();
  }

  protected async load(): Promise<void> {
    const ticket = ++this.loadTicket;
    try {
      const located = await this.tracker.locate(this.ref.blockIndex);
      if (ticket !== this.loadTicket) return;
      if ('deleted' in located) return this.showBlockDeleted();
      this.ref = { ...this.ref, blockIndex: located.blockIndex };
      const data = await this.request({ textDocument: { uri: this.ref.uri }, blockIndex: this.ref.blockIndex });
      if (ticket !== this.loadTicket) return;
      if (data === null) {
        this.postError('This block no longer exists or has nothing to show. Move the cursor into a block with math.');
        return;
      }
      this.data = data;
      this.showsDeletedBlock = false;
      this.panel.title = `${this.titlePrefix}: ${shorten(data.title)}`;
      this.send(data);
    } catch (error) {
      this.postError(`Adjoint: the language server could not answer (${error instanceof Error ? error.message : String(error)}).`);
    }
  }

  /** Never another block in its place: the user pinned this one (or was looking at it). */
  private showBlockDeleted(): void {
    this.data = null;
    this.showsDeletedBlock = true;
    this.panel.title = `${this.titlePrefix}: block deleted`;
    if (!this.pageReady) return;   // pageIsReady() loads again and lands here
    this.postBlockDeleted(this.ref.pinned
      ? 'The pinned block was deleted. Unpin the panel to follow the cursor again.'
      : 'The block this panel showed was deleted. Move the cursor into a block with math.');
  }

  private send(data: Data): void {
    if (!this.pageReady) return;   // sent again when the page says it is ready
    this.postData(data);
    this.markPageShowsData();
  }

  /** Selects a range of this panel's document in its editor (opening it beside the panel if needed). */
  protected async reveal(wire: WireRange): Promise<void> {
    const range = this.client.protocol2CodeConverter.asRange(wire);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.ref.uri);
    const document = shown?.document ?? await vscode.workspace.openTextDocument(vscode.Uri.parse(this.ref.uri));
    const editor = await vscode.window.showTextDocument(document, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async followCursor(editor: vscode.TextEditor): Promise<void> {
    const uri = editor.document.uri.toString();
    const position = this.client.code2ProtocolConverter.asPosition(editor.selection.active);
    if (uri === this.ref.uri) this.onCursor(position);
    if (this.ref.pinned || !ADJOINT_LANGUAGES.has(editor.document.languageId)) return;
    const block = (await this.blockList(uri)).find((b) => b.evaluable && contains(b.range, position));
    const showsIt = uri === this.ref.uri && block?.index === this.ref.blockIndex && !this.showsDeletedBlock;
    if (!block || showsIt) return;
    await this.showBlock({ uri, blockIndex: block.index });
    this.onCursor(position);
  }

  private blockList(uri: string): Promise<BlockSummary[]> {
    if (this.blocks?.uri !== uri) {
      const list = Promise.resolve(this.client.sendRequest(blocksRequest, { textDocument: { uri } })).catch(() => [] as BlockSummary[]);
      this.blocks = { uri, list };
    }
    return this.blocks.list;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.refreshTimer);
    clearTimeout(this.cursorTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function shorten(title: string): string {
  return title.length > TITLE_LENGTH ? title.slice(0, TITLE_LENGTH - 1) + '…' : title;
}

export function contains(range: WireRange, p: WirePosition): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}
