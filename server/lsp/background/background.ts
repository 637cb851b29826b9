// Analysis off the main thread. The main thread analyses each version with a short budget per block
// (settings.deferAfterMs); a block that outruns it is `deferred` and the note's worker (one per document,
// or per notebook) evaluates the whole version with the full budget. Requests are answered from the main thread's analysis,
// except about a deferred block: those wait for the worker. So a hover, hint or lens never waits for
// a block it does not show, and one slow block never holds up any other block or document.
import type { Diagnostic } from 'vscode-languageserver';
import type { BlockAnalysis, Settings } from '../../analysis';
import type { CheckParams, CheckResult } from '../../protocol';
import { languageIdOf, type AnalyzedDocument } from '../analysisStore';
import { blockFor } from '../blockParams';
import type { CheckProgress } from '../checkGradient';
import { runFeature, type FeatureContext, type FeatureName, type FeatureParams, type FeatureResult } from '../features';
import { blockAt } from '../locate';
import type { NotebookAnalysis, NoteCell } from '../notebookNote';
import { NoteWorker } from './noteWorker';
import type { ContextData, NoteSource } from './messages';

export interface BackgroundEvents {
  /** The worker finished `version`: its blocks' diagnostics and values are there to publish. */
  changed(uri: string, version: number): void;
}

/** Features answered for the whole document: the main thread's blocks merged with the worker's. */
type ListFeature = 'inlayHints' | 'codeLens' | 'blocks';

export class BackgroundAnalysis {
  /** Keyed by the note's URI: a document's, or a notebook's for all its cells. */
  private readonly workers = new Map<string, NoteWorker>();
  /** Per note: the latest analysis handed over (its blocks, its version), and its deferred blocks' texts. */
  private readonly latest = new Map<string, { blocks: readonly BlockAnalysis[]; version: number; key: string }>();
  /** Per note: the version the worker last finished, with its deferred blocks' diagnostics per view URI. */
  private readonly finished = new Map<string, { version: number; diagnostics: Record<string, Diagnostic[]> }>();
  /** Per note: deferred blocks that took their worker down; they are not sent again unchanged. */
  private readonly failures = new Map<string, { key: string; message: string }>();

  constructor(private settings: Settings, private readonly events: BackgroundEvents, private readonly log: (message: string) => void) {}

  reconfigure(settings: Settings): void {
    this.settings = settings;
    this.failures.clear();
    for (const uri of [...this.workers.keys()]) this.forget(uri);
  }

  /** A new main-thread analysis of a document (AnalysisStore): its deferred blocks go to the document's worker. */
  update(doc: AnalyzedDocument): void {
    const { document } = doc;
    this.hand(document.uri, document.version, doc.blocks, () => ({ kind: 'document', languageId: languageIdOf(document), text: document.getText() }));
  }

  /** A new main-thread analysis of a notebook (NotebookStore): the same, for the whole note. */
  updateNotebook(uri: string, analysis: NotebookAnalysis, cells: readonly NoteCell[]): void {
    this.hand(uri, analysis.version, analysis.blocks, () => ({
      kind: 'notebook',
      cells: cells.map((c) => ({ uri: c.uri, kind: c.kind, text: c.document && { languageId: c.document.languageId, version: c.document.version, text: c.document.getText() } })),
    }));
  }

  /** Hands the deferred blocks of a note's new analysis to its worker (none: the worker stops). */
  private hand(uri: string, version: number, blocks: readonly BlockAnalysis[], source: () => NoteSource): void {
    const deferred = blocks.filter((a) => a.deferred);
    const key = deferred.map((a) => a.block.text).join('\u0000');
    const failure = this.failures.get(uri);
    if (deferred.length === 0 || failure?.key === key) {
      this.forget(uri);
      if (failure?.key === key) markFailed(deferred, failure.message);
      return;
    }
    this.latest.set(uri, { blocks, version, key });
    let worker = this.workers.get(uri);
    if (!worker) {
      worker = new NoteWorker(this.settings, {
        analyzed: (done, diagnostics) => {
          this.finished.set(uri, { version: done, diagnostics });
          this.events.changed(uri, done);
        },
        failed: (lost, message) => this.failed(uri, lost, message),
      }, this.log);
      this.workers.set(uri, worker);
    }
    worker.analyze(uri, version, source(), deferred.map((a) => a.block.index));
  }

  forget(uri: string): void {
    this.workers.get(uri)?.dispose();
    this.workers.delete(uri);
    this.latest.delete(uri);
    this.finished.delete(uri);
  }

  /** The blocks stay not evaluable, now saying why, and the main thread answers for them again. */
  private failed(uri: string, version: number, message: string): void {
    const latest = this.latest.get(uri);
    this.log(`adjoint: background analysis of ${uri} (version ${version}) failed: ${message}`);
    if (!latest || latest.version !== version) return;
    this.failures.set(uri, { key: latest.key, message });
    markFailed(latest.blocks.filter((a) => a.deferred), message);
    this.forget(uri);
    this.events.changed(uri, version);
  }

  /** Answers about the block at `offset`: the worker's answer if that block is deferred. */
  async at<F extends FeatureName>(doc: AnalyzedDocument, offset: number | undefined, feature: F, params: FeatureParams<F>, context: FeatureContext): Promise<FeatureResult<F> | null> {
    const a = offset === undefined ? undefined : blockAt(doc.blocks, offset);
    return this.onBlock(doc, a, feature, params, context);
  }

  /** Answers a custom request about one block (by index or position). */
  async block<F extends 'graph' | 'trace' | 'exportDot'>(doc: AnalyzedDocument, feature: F, params: FeatureParams<F>, context: FeatureContext): Promise<FeatureResult<F> | null> {
    return this.onBlock(doc, blockFor(doc, params), feature, params, context);
  }

  /**
   * A whole-document answer: the main thread's blocks, plus the deferred ones from the worker. With
   * `wait` the answer waits for the worker (the deferred blocks are on screen); without, it leaves
   * them out until the worker has finished (a refresh follows then).
   */
  async list<F extends ListFeature>(doc: AnalyzedDocument, feature: F, params: FeatureParams<F>, context: FeatureContext, wait: (a: BlockAnalysis) => boolean = () => false): Promise<FeatureResult<F>> {
    const mine = runFeature(feature, mainThreadPart(doc), params, context) as unknown[];
    const deferred = doc.blocks.filter((a) => a.deferred);
    const { uri, version } = ownerOf(doc);
    const worker = this.workers.get(uri);
    if (deferred.length === 0 || !worker) return mine as FeatureResult<F>;
    const asked = deferred.filter((a) => worker.ready(version) || wait(a)).map((a) => a.block.index);
    if (asked.length === 0) return mine as FeatureResult<F>;
    const theirs = await worker.feature(version, doc.document.uri, feature, params, contextData(doc, context), asked) as unknown[] | undefined;
    return [...mine, ...(theirs ?? [])] as FeatureResult<F>;
  }

  /** The deferred blocks' diagnostics (in this document or cell), once the worker has analysed this version. */
  diagnostics(doc: AnalyzedDocument): Diagnostic[] {
    const { uri, version } = ownerOf(doc);
    const done = this.finished.get(uri);
    return done && done.version === version ? done.diagnostics[doc.document.uri] ?? [] : [];
  }

  /** A gradient check of a deferred block, run by the worker; undefined if the worker has lost that version or died. */
  async check(doc: AnalyzedDocument, params: CheckParams, progress: CheckProgress, signal: { readonly cancelled: boolean }): Promise<CheckResult | undefined> {
    const { uri, version } = ownerOf(doc);
    return this.workers.get(uri)?.check(version, doc.document.uri, params, progress, signal);
  }

  /** True when requests about this block go to the worker. */
  owns(doc: AnalyzedDocument, a: BlockAnalysis | undefined): boolean {
    return !!a?.deferred && this.workers.has(ownerOf(doc).uri);
  }

  dispose(): void {
    for (const uri of [...this.workers.keys()]) this.forget(uri);
  }

  private async onBlock<F extends FeatureName>(doc: AnalyzedDocument, a: BlockAnalysis | undefined, feature: F, params: FeatureParams<F>, context: FeatureContext): Promise<FeatureResult<F> | null> {
    const { uri, version } = ownerOf(doc);
    const worker = this.workers.get(uri);
    if (!a?.deferred || !worker) return runFeature(feature, doc, params, context);
    const answer = await worker.feature(version, doc.document.uri, feature, params, contextData(doc, context));
    // The worker died meanwhile: the block now says why, and the main thread answers for it.
    if (answer === undefined && !a.deferred) return runFeature(feature, doc, params, context);
    return (answer ?? null) as FeatureResult<F> | null;
  }
}

/** The blocks of a view the main thread answers for itself: all but the deferred ones. */
export function mainThreadPart(doc: AnalyzedDocument): AnalyzedDocument {
  return { ...doc, blocks: doc.blocks.filter((a) => !a.deferred) };
}

function markFailed(blocks: readonly BlockAnalysis[], message: string): void {
  for (const a of blocks) {
    a.deferred = undefined;
    a.message = `not evaluated: ${message}`;
  }
}

/** The note a view belongs to, as its worker knows it: the document itself, or a cell's notebook. */
function ownerOf(doc: AnalyzedDocument): { uri: string; version: number } {
  return doc.owner ?? { uri: doc.document.uri, version: doc.document.version };
}

function contextData(doc: AnalyzedDocument, c: FeatureContext): ContextData {
  return { typesetImages: c.typesetImages, inlay: c.inlay, checks: c.checks.storedFor(doc.document.uri) };
}
