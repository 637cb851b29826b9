// A note's background analysis (bundled as dist/analysisWorker.js): the whole document, or the whole
// notebook, analysed with the full time budget, off the server's main thread. It answers the requests
// for the blocks the main thread deferred, with the same feature table (features.ts). Messages arrive
// in order, so a request always finds the version analysed that was sent before it.
import { parentPort, workerData } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer } from '../../analysis';
import { AnalysisStore, type AnalyzedDocument } from '../analysisStore';
import { blockFor } from '../blockParams';
import { checkGradient } from '../checkGradient';
import { CheckResults } from '../checkResults';
import { diagnostics } from '../diagnostics';
import { runFeature, type FeatureContext } from '../features';
import { NotebookNotes } from '../notebookNote';
import type { ContextData, FromWorker, NoteSource, ToWorker, WorkerData } from './messages';

const port = parentPort!;
const { settings } = workerData as WorkerData;
const log = (message: string) => console.error(message);
const documents = new AnalysisStore(settings, log);
const notebookAnalyzer = new DocumentAnalyzer(settings);
const notebooks = new NotebookNotes(() => notebookAnalyzer, log);
/** The version the main thread sent last, and every view of its analysis by URI. */
let current: { version: number; views: Map<string, AnalyzedDocument> } | undefined;
const cancelled = new Set<number>();

function post(message: FromWorker): void {
  port.postMessage(message);
}

function analyze(uri: string, version: number, source: NoteSource): Map<string, AnalyzedDocument> {
  if (source.kind === 'document') {
    const doc = documents.get(TextDocument.create(uri, source.languageId, version, source.text));
    return new Map([[uri, doc]]);
  }
  const cells = source.cells.map((c) => ({
    uri: c.uri,
    kind: c.kind,
    document: c.text ? TextDocument.create(c.uri, c.text.languageId, c.text.version, c.text.text) : undefined,
  }));
  const { analysis } = notebooks.analyze(uri, cells);
  return new Map(cells.flatMap((c, k) => (c.document ? [[c.uri, notebooks.view(analysis, k)] as const] : [])));
}

/** The view of `uri` in the analysis of `version`, or undefined when a newer text has replaced it. */
function viewOf(version: number, uri: string): AnalyzedDocument | undefined {
  return current?.version === version ? current.views.get(uri) : undefined;
}

function restricted(doc: AnalyzedDocument, only: readonly number[] | undefined): AnalyzedDocument {
  if (!only) return doc;
  const keep = new Set(only);
  return { ...doc, blocks: doc.blocks.filter((a) => keep.has(a.block.index)) };
}

function contextOf(doc: AnalyzedDocument, data: ContextData): FeatureContext {
  return { typesetImages: data.typesetImages, inlay: data.inlay, checks: CheckResults.of(doc.document.uri, data.checks) };
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
      current = { version: m.version, views: analyze(m.uri, m.version, m.source) };
      const found: Record<string, Diagnostic[]> = {};
      for (const [uri, view] of current.views) {
        const mine = restricted(view, m.deferred);
        if (mine.blocks.length > 0) found[uri] = diagnostics(mine);
      }
      post({ kind: 'analyzed', version: m.version, diagnostics: found });
      return;
    }
    case 'feature': {
      const doc = viewOf(m.version, m.view);
      const result = doc ? runFeature(m.feature, restricted(doc, m.only), m.params as never, contextOf(doc, m.context)) : undefined;
      post({ kind: 'answer', id: m.id, result });
      return;
    }
    case 'check': {
      const doc = viewOf(m.version, m.view);
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
