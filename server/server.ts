// The Adjoint language server: a plain list of handlers, one file per feature under lsp/.
// Runs over IPC for VS Code and over stdio (`adjoint-language-server --stdio`) for other editors;
// `createConnection` picks the transport from the command line.
import { CodeLensRefreshRequest, createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisChangedNotification, blocksRequest, checkGradientRequest, exportDotRequest, graphRequest, traceRequest, type BlockParams, type CheckResult } from './protocol';
import { AnalysisStore, type AnalyzedDocument } from './lsp/analysisStore';
import { blockFor } from './lsp/blockParams';
import { blockSummaries } from './lsp/blocks';
import { checkGradient } from './lsp/checkGradient';
import { withClaimHover } from './lsp/claims';
import { CheckResults } from './lsp/checkResults';
import { codeLenses } from './lsp/codeLens';
import { crashMessage, CrashJournal } from './lsp/crashJournal';
import { definition } from './lsp/definition';
import { diagnostics } from './lsp/diagnostics';
import { graphData, toDot } from './lsp/graph';
import { hover } from './lsp/hover';
import { inlayHints } from './lsp/inlayHints';
import { insertDerivativeActions, insertDerivativeKind } from './lsp/insertDerivative';
import { NOTEBOOK_SELECTOR, NotebookStore } from './lsp/notebooks';
import { pinSampledActions } from './lsp/pinSampled';
import { safely } from './lsp/safe';
import { defaultServerSettings, fetchServerSettings } from './lsp/settings';
import { documentSymbols } from './lsp/symbols';
import { traceData } from './lsp/trace';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.error(message);
let settings = defaultServerSettings();
// The first workspace/configuration answer; a gradient check waits for it (its tolerances matter).
let settingsReady: Promise<void> = Promise.resolve();
// Opened at initialize (it needs the workspace folders); until then it only watches.
const journal = new CrashJournal();
const store = new AnalysisStore(settings.analysis, log, journal);
const notebooks = new NotebookStore(settings.analysis, log, journal);
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

function publish(result: AnalyzedDocument): void {
  if (publishedVersions.get(result.document.uri) === result.document.version) return;
  publishedVersions.set(result.document.uri, result.document.version);
  try {
    connection.sendDiagnostics({ uri: result.document.uri, version: result.document.version, diagnostics: diagnostics(result) });
    connection.sendNotification(analysisChangedNotification, { uri: result.document.uri, version: result.document.version });
    refreshViews();
  } catch (e) {
    log(`adjoint: publishing ${result.document.uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
}

/** A notebook's cells whose diagnostics or values changed: one publish per such cell. */
function publishNotebook(notebookUri: string): void {
  try {
    const { changed, removed } = notebooks.changes(notebookUri, diagnostics);
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
  store.reconfigure(settings.analysis);
  notebooks.reconfigure(settings.analysis);
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
  for (const cell of notebook.cells) checks.forget(cell.document);
  for (const uri of notebooks.forget(notebook.uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onHover(safely(log, 'hover', null, (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? withClaimHover(doc, params, hover(doc, params, { typesetImages: client.typesetImages })) : null;
}));
connection.languages.inlayHint.on(safely(log, 'inlay hints', [], (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? inlayHints(doc, params.range, { values: settings.inlayValues, adjoints: settings.inlayAdjoints }) : [];
}));
connection.onCodeLens(safely(log, 'codeLens', [], (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? codeLenses(doc, checks) : [];
}));
connection.onCodeAction(safely(log, 'code actions', [], (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? [...pinSampledActions(doc, params), ...insertDerivativeActions(doc, params)] : [];
}));
connection.onDocumentSymbol(safely(log, 'document symbols', [], (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? documentSymbols(doc) : [];
}));
connection.onDefinition(safely(log, 'definition', null, (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? definition(doc, params) : null;
}));

function withBlock<R>(params: BlockParams, empty: R, f: (doc: AnalyzedDocument, a: NonNullable<ReturnType<typeof blockFor>>) => R): R {
  const doc = analyzed(params.textDocument.uri);
  const a = doc ? blockFor(doc, params) : undefined;
  return doc && a ? f(doc, a) : empty;
}

connection.onRequest(graphRequest, safely(log, 'graph', null, (params) =>
  withBlock(params, null, (doc, a) => graphData(doc, a))));
connection.onRequest(traceRequest, safely(log, 'trace', null, (params) =>
  withBlock(params, null, (doc, a) => traceData(doc.document, a, params.tangentInput))));
connection.onRequest(exportDotRequest, safely(log, 'exportDot', null, (params) =>
  withBlock(params, null, (doc, a) => toDot(graphData(doc, a)))));
connection.onRequest(blocksRequest, safely(log, 'blocks', [], (params) => {
  const doc = analyzed(params.textDocument.uri);
  return doc ? blockSummaries(doc) : [];
}));
connection.onRequest(checkGradientRequest, safely(log, 'checkGradient', null, async (params, token): Promise<CheckResult | null> => {
  await settingsReady;
  const doc = analyzed(params.textDocument.uri);
  const a = doc ? blockFor(doc, params) : undefined;
  if (!doc || !a) return null;
  const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
  const result = await checkGradient(doc.document, a, settings.analysis, progress, token);
  if (!result.cancelled) {
    checks.remember(doc.document.uri, a.block.index, a.block.text, result);
    refreshViews();
  }
  return result;
}));

// A normal exit leaves nothing running for the next server to blame.
connection.onShutdown(() => journal.close());

documents.listen(connection);
notebooks.listen(connection, (uri) => notebooks.schedule(uri, publishNotebook));
connection.listen();
