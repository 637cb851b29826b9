// Analysis off the main thread. The main thread analyses each version with a short budget per block
// (settings.deferAfterMs); a block that outruns it is `deferred` and the document's worker evaluates
// the whole version with the full budget. Requests are answered from the main thread's analysis,
// except about a deferred block: those wait for the worker. So a hover, hint or lens never waits for
// a block it does not show, and one slow block never holds up any other block or document.
import type { Diagnostic } from 'vscode-languageserver';
import type { BlockAnalysis, Settings } from '../../analysis';
import type { CheckParams, CheckResult } from '../../protocol';
import type { AnalyzedDocument } from '../analysisStore';
import { blockFor } from '../blockParams';
import type { CheckProgress } from '../checkGradient';
import { runFeature, type FeatureContext, type FeatureName, type FeatureParams, type FeatureResult } from '../features';
import { blockAt } from '../locate';
import { DocumentWorker } from './documentWorker';
import type { ContextData } from './messages';

export interface BackgroundEvents {
  /** The worker finished `version`: its blocks' diagnostics and values are there to publish. */
  changed(uri: string, version: number): void;
}

/** Features answered for the whole document: the main thread's blocks merged with the worker's. */
type ListFeature = 'inlayHints' | 'codeLens' | 'blocks';

export class BackgroundAnalysis {
  private readonly workers = new Map<string, DocumentWorker>();
  /** Per document: the latest analysis handed over, and its deferred blocks' texts. */
  private readonly latest = new Map<string, { doc: AnalyzedDocument; key: string }>();
  /** Per document: the version the worker last finished, with its deferred blocks' diagnostics. */
  private readonly finished = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
  /** Per document: deferred blocks that took their worker down; they are not sent again unchanged. */
  private readonly failures = new Map<string, { key: string; message: string }>();

  constructor(private settings: Settings, private readonly events: BackgroundEvents, private readonly log: (message: string) => void) {}

  reconfigure(settings: Settings): void {
    this.settings = settings;
    this.failures.clear();
    for (const uri of [...this.workers.keys()]) this.forget(uri);
  }

  /** A new main-thread analysis: its deferred blocks go to the document's worker (none: the worker stops). */
  update(doc: AnalyzedDocument): void {
    const { uri } = doc.document;
    const deferred = doc.blocks.filter((a) => a.deferred);
    const key = deferred.map((a) => a.block.text).join('\u0000');
    const failure = this.failures.get(uri);
    if (deferred.length === 0 || failure?.key === key) {
      this.forget(uri);
      if (failure?.key === key) markFailed(deferred, failure.message);
      return;
    }
    this.latest.set(uri, { doc, key });
    let worker = this.workers.get(uri);
    if (!worker) {
      worker = new DocumentWorker(this.settings, {
        analyzed: (version, diagnostics) => {
          this.finished.set(uri, { version, diagnostics });
          this.events.changed(uri, version);
        },
        failed: (version, message) => this.failed(uri, version, message),
      }, this.log);
      this.workers.set(uri, worker);
    }
    worker.analyze(doc, deferred.map((a) => a.block.index));
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
    if (!latest || latest.doc.document.version !== version) return;
    this.failures.set(uri, { key: latest.key, message });
    markFailed(latest.doc.blocks.filter((a) => a.deferred), message);
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
    const mine = runFeature(feature, { ...doc, blocks: doc.blocks.filter((a) => !a.deferred) }, params, context) as unknown[];
    const deferred = doc.blocks.filter((a) => a.deferred);
    const worker = this.workers.get(doc.document.uri);
    if (deferred.length === 0 || !worker) return mine as FeatureResult<F>;
    const { version } = doc.document;
    const asked = deferred.filter((a) => worker.ready(version) || wait(a)).map((a) => a.block.index);
    if (asked.length === 0) return mine as FeatureResult<F>;
    const theirs = await worker.feature(version, feature, params, contextData(doc, context), asked) as unknown[] | undefined;
    return [...mine, ...(theirs ?? [])] as FeatureResult<F>;
  }

  /** The deferred blocks' diagnostics, once the worker has analysed this version. */
  diagnostics(doc: AnalyzedDocument): Diagnostic[] {
    const done = this.finished.get(doc.document.uri);
    return done && done.version === doc.document.version ? done.diagnostics : [];
  }

  /** A gradient check of a deferred block, run by the worker; undefined if the worker has lost that version or died. */
  async check(doc: AnalyzedDocument, params: CheckParams, progress: CheckProgress, signal: { readonly cancelled: boolean }): Promise<CheckResult | undefined> {
    return this.workers.get(doc.document.uri)?.check(doc.document.version, params, progress, signal);
  }

  /** True when requests about this block go to the worker. */
  owns(doc: AnalyzedDocument, a: BlockAnalysis | undefined): boolean {
    return !!a?.deferred && this.workers.has(doc.document.uri);
  }

  dispose(): void {
    for (const uri of [...this.workers.keys()]) this.forget(uri);
  }

  private async onBlock<F extends FeatureName>(doc: AnalyzedDocument, a: BlockAnalysis | undefined, feature: F, params: FeatureParams<F>, context: FeatureContext): Promise<FeatureResult<F> | null> {
    const worker = this.workers.get(doc.document.uri);
    if (!a?.deferred || !worker) return runFeature(feature, doc, params, context);
    const answer = await worker.feature(doc.document.version, feature, params, contextData(doc, context));
    // The worker died meanwhile: the block now says why, and the main thread answers for it.
    if (answer === undefined && !a.deferred) return runFeature(feature, doc, params, context);
    return (answer ?? null) as FeatureResult<F> | null;
  }
}

function markFailed(blocks: readonly BlockAnalysis[], message: string): void {
  for (const a of blocks) {
    a.deferred = undefined;
    a.message = `not evaluated: ${message}`;
  }
}

function contextData(doc: AnalyzedDocument, c: FeatureContext): ContextData {
  return { typesetImages: c.typesetImages, inlay: c.inlay, checks: c.checks.storedFor(doc.document.uri) };
}
