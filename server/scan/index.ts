export { scanDocument, languageOf } from './blocks';
export type { BlockKind, LanguageId, MathBlock, Syntax } from './blocks';
