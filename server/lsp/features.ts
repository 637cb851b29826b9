// What each request answers from one document's analysis: one table, run by the server's main thread
// and by a document's background worker (background/worker.ts), which answers for the blocks the main
// thread deferred. Every entry takes and returns plain data, so it crosses the thread boundary as is.
import type { CodeActionParams, DefinitionParams, HoverParams, InlayHintParams } from 'vscode-languageserver';
import type { BlockParams, DotParams, TraceParams } from '../protocol';
import type { AnalyzedDocument } from './analysisStore';
import { blockFor } from './blockParams';
import { blockSummaries } from './blocks';
import type { CheckResults } from './checkResults';
import { withClaimHover } from './claims';
import { codeLenses } from './codeLens';
import { definition } from './definition';
import { graphData, toDot } from './graph';
import { hover } from './hover';
import { inlayHints, type InlayOptions } from './inlayHints';
import { insertDerivativeActions } from './insertDerivative';
import { pinSampledActions } from './pinSampled';
import { documentSymbols } from './symbols';
import { traceData } from './trace';

/** What answers depend on besides the analysis: the client and the user's settings. */
export interface FeatureContext {
  typesetImages: boolean;
  inlay: InlayOptions;
  checks: CheckResults;
}

function onBlock<R>(doc: AnalyzedDocument, params: BlockParams, f: (a: NonNullable<ReturnType<typeof blockFor>>) => R): R | null {
  const a = blockFor(doc, params);
  return a ? f(a) : null;
}

export const features = {
  hover: (doc: AnalyzedDocument, p: HoverParams, c: FeatureContext) => withClaimHover(doc, p, hover(doc, p, { typesetImages: c.typesetImages })),
  inlayHints: (doc: AnalyzedDocument, p: InlayHintParams, c: FeatureContext) => inlayHints(doc, p.range, c.inlay),
  codeLens: (doc: AnalyzedDocument, _p: unknown, c: FeatureContext) => codeLenses(doc, c.checks),
  codeActions: (doc: AnalyzedDocument, p: CodeActionParams) => [...pinSampledActions(doc, p), ...insertDerivativeActions(doc, p)],
  symbols: (doc: AnalyzedDocument, _p: unknown) => documentSymbols(doc),
  definition: (doc: AnalyzedDocument, p: DefinitionParams) => definition(doc, p),
  graph: (doc: AnalyzedDocument, p: BlockParams) => onBlock(doc, p, (a) => graphData(doc, a)),
  trace: (doc: AnalyzedDocument, p: TraceParams) => onBlock(doc, p, (a) => traceData(doc.document, a, p.tangentInput)),
  exportDot: (doc: AnalyzedDocument, p: DotParams) => onBlock(doc, p, (a) => toDot(graphData(doc, a), { extended: p.extended === true })),
  blocks: (doc: AnalyzedDocument, _p: unknown) => blockSummaries(doc),
};

export type FeatureName = keyof typeof features;
export type FeatureParams<F extends FeatureName> = Parameters<typeof features[F]>[1];
export type FeatureResult<F extends FeatureName> = ReturnType<typeof features[F]>;

export function runFeature<F extends FeatureName>(feature: F, doc: AnalyzedDocument, params: FeatureParams<F>, context: FeatureContext): FeatureResult<F> {
  const f = features[feature] as (doc: AnalyzedDocument, p: FeatureParams<F>, c: FeatureContext) => FeatureResult<F>;
  return f(doc, params, context);
}
