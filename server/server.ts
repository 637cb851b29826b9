// The Adjoint language server: a plain list of handlers, one file per feature under lsp/.
// Runs over IPC for VS Code and over stdio (`adjoint-language-server --stdio`) for other editors;
// `createConnection` picks the transport from the command line.
import { CodeLensRefreshRequest, createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisChangedNotification, blocksRequest, checkGradientRequest, exportDotRequest, graphRequest, traceRequest, type CheckResult } from './protocol';
import { AnalysisStore, type AnalyzedDocument } from './lsp/analysisStore';
import { BackgroundAnalysis, mainThreadPart } from './lsp/background/background';
import { blockFor } from './lsp/blockParams';
import { checkGradient, signalOf, withProgressBar } from './lsp/checkGradient';
import { CheckResults } from './lsp/checkResults';
import { crashMessage, CrashJournal } from './lsp/crashJournal';
import { diagnostics } from './lsp/diagnostics';
import { runFeature, type FeatureContext } from './lsp/features';
import { insertDerivativeKind } from './lsp/insertDerivative';
import { NOTEBOOK_SELECTOR, NotebookStore } from './lsp/notebooks';
import { safely } from './lsp/safe';
import { defaultServerSettings, fetchServerSettings, mainThread } from './lsp/settings';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.error(message);
let settings = defaultServerSettings();
// The first workspace/configuration answer; a gradient check waits for it (its tolerances matter).
let settingsReady: Promise<void> = Promise.resolve();
// Opened at initialize (it needs the workspace folders); until then it only watches.
const journal = new CrashJournal();
const background = new BackgroundAnalysis(settings.analysis, { changed: (uri, version) => republish(uri, version) }, log);
const store = new AnalysisStore(mainThread(settings.analysis), log, journal, background);
const notebooks = new NotebookStore(mainThread(settings.analysis), log, journal, background);
let crashedBlocks: ReturnType<CrashJournal['open']> = [];
const openNotebooks = new Set<string>();
const checks = new CheckResults();
const client = { configuration: false, codeLensRefresh: false, inlayHintRefresh: false, typesetImages: false };

/** The latest analysis of an open document or notebook cell (analysed now if the debounce has not run yet). */
function analyzed(uri: string): AnalyzedDocument | undefined {
  const document = documents.get(uri);
  return document ? store.get(document) : notebooks.cellView(uri);
}

// Opening a document also fires a content change; its debounced run has nothing new to say.
const publishedVersions = new Map<string, number>();

/** The main thread's diagnostics, and the deferred blocks' from the background analysis once it has them. */
function allDiagnostics(doc: AnalyzedDocument) {
  return [...diagnostics(mainThreadPart(doc)), ...background.diagnostics(doc)];
}

function publish(result: AnalyzedDocument): void {
  if (publishedVersions.get(result.document.uri) === result.document.version) return;
  publishedVersions.set(result.document.uri, result.document.version);
  try {
    connection.sendDiagnostics({ uri: result.document.uri, version: result.document.version, diagnostics: allDiagnostics(result) });
    connection.sendNotification(analysisChangedNotification, { uri: result.document.uri, version: result.document.version });
    refreshViews();
  } catch (e) {
    log(`adjoint: publishing ${result.document.uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
}

/** The background analysis finished (or failed) a version of a document or notebook: publish it again if it is still the latest. */
function republish(uri: string, version: number): void {
  if (openNotebooks.has(uri)) {
    publishNotebook(uri);   // the cells whose diagnostics changed
    // Values, lenses and panels of the deferred blocks changed too, whatever their diagnostics did.
    for (const view of notebooks.cellViews(uri)) {
      if (view.owner?.version === version && view.blocks.some((a) => a.deferred)) {
        connection.sendNotification(analysisChangedNotification, { uri: view.document.uri, version: view.document.version });
      }
    }
    refreshViews();
    return;
  }
  const document = documents.get(uri);
  if (!document || document.version !== version) return;
  publishedVersions.delete(uri);
  publish(store.get(document));
}

/** A notebook's cells whose diagnostics or values changed: one publish per such cell. */
function publishNotebook(notebookUri: string): void {
  try {
    const { changed, removed } = notebooks.changes(notebookUri, allDiagnostics);
    for (const { view, rendered } of changed) {
      connection.sendDiagnostics({ uri: view.document.uri, version: view.document.version, diagnostics: rendered });
      connection.sendNotification(analysisChangedNotification, { uri: view.document.uri, version: view.document.version });
    }
    for (const uri of removed) connection.sendDiagnostics({ uri, diagnostics: [] });
    if (changed.length > 0 || removed.length > 0) refreshViews();
  } catch (e) {
    log(`adjoint: publishing ${notebookUri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
}

function refreshViews(): void {
  if (client.codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  if (client.inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
}

async function reloadSettings(): Promise<void> {
  settings = await fetchServerSettings(connection, client.configuration);
  background.reconfigure(settings.analysis);
  store.reconfigure(mainThread(settings.analysis));
  notebooks.reconfigure(mainThread(settings.analysis));
  publishedVersions.clear();
  for (const document of documents.all()) publish(store.get(document));
  for (const notebook of openNotebooks) publishNotebook(notebook);
}

connection.onInitialize((params: InitializeParams) => {
  const caps = params.capabilities;
  client.configuration = caps.workspace?.configuration === true;
  client.codeLensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
  client.inlayHintRefresh = caps.workspace?.inlayHint?.refreshSupport === true;
  const options = params.initializationOptions as { client?: string } | undefined;
  client.typesetImages = options?.client === 'vscode';
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  crashedBlocks = journal.open(folders, log);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      // LSP 3.17 notebook sync: a notebook's cells arrive together, so they are analysed as one note.
      notebookDocumentSync: { notebookSelector: NOTEBOOK_SELECTOR },
      hoverProvider: true,
      inlayHintProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: ['quickfix', insertDerivativeKind] },
      documentSymbolProvider: true,
      definitionProvider: true,
    },
    serverInfo: { name: 'adjoint-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  for (const crashed of crashedBlocks) void connection.window.showWarningMessage(crashMessage(crashed));
  if (client.configuration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'adjoint' }).catch(() => undefined);
  }
  settingsReady = reloadSettings().catch((e) => log(`adjoint: settings: ${String(e)}`));
});
connection.onDidChangeConfiguration(() => void reloadSettings().catch((e) => log(`adjoint: settings: ${String(e)}`)));

documents.onDidOpen((e) => publish(store.get(e.document)));
documents.onDidChangeContent((e) => store.schedule(e.document, publish));
documents.onDidClose((e) => {
  store.forget(e.document.uri);
  background.forget(e.document.uri);
  checks.forget(e.document.uri);
  publishedVersions.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

notebooks.documents.onDidOpen((notebook) => {
  openNotebooks.add(notebook.uri);
  publishNotebook(notebook.uri);
});
notebooks.documents.onDidClose((notebook) => {
  openNotebooks.delete(notebook.uri);
  background.forget(notebook.uri);
  for (const cell of notebook.cells) checks.forget(cell.document);
  for (const uri of notebooks.forget(notebook.uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
});

function context(): FeatureContext {
  return { typesetImages: client.typesetImages, inlay: { values: settings.inlayValues, adjoints: settings.inlayAdjoints }, checks };
}

/** Requests about one place answer from the main thread's analysis, or from the worker when the block there is deferred. */
connection.onHover(safely(log, 'hover', null, (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? background.at(doc, doc.document.offsetAt(params.position), 'hover', params, context()) : null;
}));
connection.onDefinition(safely(log, 'definition', null, (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? background.at(doc, doc.document.offsetAt(params.position), 'definition', params, context()) : null;
}));
connection.onCodeAction(safely(log, 'code actions', [], async (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? (await background.at(doc, doc.document.offsetAt(params.range.start), 'codeActions', params, context())) ?? [] : [];
}));
// Whole-document requests merge the main thread's blocks with the worker's deferred ones; inlay
// hints wait for a deferred block in their range, lenses never wait (a refresh follows).
connection.languages.inlayHint.on(safely(log, 'inlay hints', [], (params) => {
  const doc = analyzed(params.textDocument.uri);
  const visible = (a: { block: { span: { start: number; end: number } } }) => doc!.document.offsetAt(params.range.start) <= a.block.span.end && a.block.span.start <= doc!.document.offsetAt(params.range.end);
  return doc ? background.list(doc, 'inlayHints', params, context(), visible) : [];
}));
connection.onCodeLens(safely(log, 'codeLens', [], (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? background.list(doc, 'codeLens', params, context()) : [];
}));
connection.onRequest(blocksRequest, safely(log, 'blocks', [], async (params) => {
  const doc = analyzed(params.textDocument.uri);
  // The block list is asked for by a command (a picker): it waits for the slow blocks rather than leave them out.
  const blocks = doc ? await background.list(doc, 'blocks', params, context(), () => true) : [];
  return blocks.sort((a, b) => a.index - b.index);
}));
connection.onDocumentSymbol(safely(log, 'document symbols', [], (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? runFeature('symbols', doc, params, context()) : [];
}));

connection.onRequest(graphRequest, safely(log, 'graph', null, (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? background.block(doc, 'graph', params, context()) : null;
}));
connection.onRequest(traceRequest, safely(log, 'trace', null, (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? background.block(doc, 'trace', params, context()) : null;
}));
connection.onRequest(exportDotRequest, safely(log, 'exportDot', null, (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? background.block(doc, 'exportDot', params, context()) : null;
}));
connection.onRequest(checkGradientRequest, safely(log, 'checkGradient', null, async (params, token): Promise<CheckResult | null> => {
  await settingsReady;
  const doc = analyzed(params.textDocument.uri);
  const a = doc ? blockFor(doc, params) : undefined;
  if (!doc || !a) return null;
  const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
  const signal = signalOf(token);
  // A deferred block is checked by its worker; if that worker is gone, the block says why it cannot be checked.
  const result = await withProgressBar(progress, async (onProgress) =>
    (background.owns(doc, a) ? await background.check(doc, params, onProgress, signal) : undefined)
      ?? checkGradient(doc.document, a, settings.analysis, onProgress, signal));
  if (!result.cancelled) {
    checks.remember(doc.document.uri, a.block.index, a.block.text, result);
    refreshViews();
  }
  return result;
}));

// A normal exit leaves nothing running for the next server to blame.
connection.onShutdown(() => {
  journal.close();
  background.dispose();
});

documents.listen(connection);
notebooks.listen(connection, (uri) => notebooks.schedule(uri, publishNotebook));
connection.listen();
