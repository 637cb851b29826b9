// Outline: one symbol per math block, its defined names as children.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { AnalyzedDocument } from './analysisStore';
import { rangeOf } from './diagnostics';
import { blockTitle } from './evaluable';

export function documentSymbols(analyzed: AnalyzedDocument): DocumentSymbol[] {
  const { document, blocks } = analyzed;
  return blocks.map((a) => {
    const range = rangeOf(document, a.block.span);
    const children: DocumentSymbol[] = a.definitions.map((d) => {
      const nameRange = rangeOf(document, d.span);
      return { name: d.name, kind: SymbolKind.Variable, range: nameRange, selectionRange: nameRange };
    });
    return {
      name: blockTitle(a) || `block ${a.block.index + 1}`,
      detail: a.status === 'ok' ? undefined : a.status,
      kind: SymbolKind.Function,
      range,
      selectionRange: rangeOf(document, a.block.content),
      children,
    };
  });
}
