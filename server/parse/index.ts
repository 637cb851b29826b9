// The two math parsers and the shared tree (Contract 2 of DEVELOPERS.md).
export * from './ast';
export { parseLatex } from './latex';
export { parseAutodiff } from './autodiff';
export type { PositionOf } from './autodiff';
export { parseAnnotation } from './annotation';
export type { AnnotationBinding, ParsedAnnotation } from './annotation';
