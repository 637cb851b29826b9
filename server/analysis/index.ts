// The public surface of the analysis (Contract 3 of DEVELOPERS.md).
export { defaultSettings } from './settings';
export type { Settings } from './settings';
export type { Status, Binding, NodeInfo, EdgeInfo, GradientGraph, GradientNodeInfo, ReverseStepInfo, ClaimResult, BlockAnalysis, Problem, Rebuilt } from './types';
export { DocumentAnalyzer, type BlockWatch } from './document';
export type { BlockGraph } from './graph-session';
export type { AnalysisStats } from './document';
export { checkBlock, stepNote } from './check';
export { sampleUniform } from './sampling';
