// A document's background analysis (bundled as dist/analysisWorker.js): the whole document analysed
// with the full time budget, off the server's main thread. It answers the requests for the blocks the
// main thread deferred, with the same feature table (features.ts). Messages arrive in order, so a
// request always finds the version analysed that was sent before it.
import { parentPort, workerData } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisStore, type AnalyzedDocument } from '../analysisStore';
import { blockFor } from '../blockParams';
import { checkGradient } from '../checkGradient';
import { CheckResults } from '../checkResults';
import { diagnostics } from '../diagnostics';
import { runFeature, type FeatureContext } from '../features';
import type { ContextData, FromWorker, ToWorker, WorkerData } from './messages';

const port = parentPort!;
const { settings } = workerData as WorkerData;
const log = (message: string) => console.error(message);
const store = new AnalysisStore(settings, log);
let document: TextDocument | undefined;
const cancelled = new Set<number>();

function post(message: FromWorker): void {
  port.postMessage(message);
}

/** The analysis of `version`, or undefined when a newer text has replaced it. */
function analysisOf(version: number): AnalyzedDocument | undefined {
  return document && document.version === version ? store.get(document) : undefined;
}

function restricted(doc: AnalyzedDocument, only: readonly number[] | undefined): AnalyzedDocument {
  if (!only) return doc;
  const keep = new Set(only);
  return { ...doc, blocks: doc.blocks.filter((a) => keep.has(a.block.index)) };
}

function contextOf(data: ContextData): FeatureContext {
  return { typesetImages: data.typesetImages, inlay: data.inlay, checks: CheckResults.of(document?.uri ?? '', data.checks) };
}

async function check(id: number, doc: AnalyzedDocument, params: Extract<ToWorker, { kind: 'check' }>['params']): Promise<unknown> {
  const a = blockFor(doc, params);
  if (!a) return null;
  // The main thread owns the client's progress bar and the request's cancellation: both travel as messages.
  const signal = { get cancelled() { return cancelled.has(id); } };
  try {
    return await checkGradient(doc.document, a, settings, (done, total) => post({ kind: 'progress', id, done, total }), signal);
  } finally {
    cancelled.delete(id);
  }
}

async function handle(m: ToWorker): Promise<void> {
  switch (m.kind) {
    case 'analyze': {
      document = TextDocument.create(m.uri, m.languageId, m.version, m.text);
      const doc = store.get(document);
      post({ kind: 'analyzed', version: m.version, diagnostics: diagnostics(restricted(doc, m.deferred)) });
      return;
    }
    case 'feature': {
      const doc = analysisOf(m.version);
      const result = doc ? runFeature(m.feature, restricted(doc, m.only), m.params as never, contextOf(m.context)) : undefined;
      post({ kind: 'answer', id: m.id, result });
      return;
    }
    case 'check': {
      const doc = analysisOf(m.version);
      post({ kind: 'answer', id: m.id, result: doc ? await check(m.id, doc, m.params) : undefined });
      return;
    }
    case 'cancel':
      cancelled.add(m.id);
      return;
  }
}

port.on('message', (m: ToWorker) => {
  handle(m).catch((e: unknown) => {
    const error = e instanceof Error ? e.stack ?? e.message : String(e);
    log(`adjoint: background ${m.kind} failed: ${error}`);
    if (m.kind === 'feature' || m.kind === 'check') post({ kind: 'answer', id: m.id, error });
  });
});
