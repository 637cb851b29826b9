// Go to definition of a name: its binding in this block or its annotation, else the nearest
// earlier block that defines it, else any block that does.
import type { DefinitionParams, Location } from 'vscode-languageserver';
import type { BlockAnalysis } from '../analysis';
import type { Span } from '../parse/ast';
import type { AnalyzedDocument } from './analysisStore';
import { rangeOf } from './diagnostics';
import { blockAt, exprAt, parseBlock } from './locate';

export function definition(analyzed: AnalyzedDocument, params: DefinitionParams): Location | null {
  const { document, blocks } = analyzed;
  const offset = document.offsetAt(params.position);
  const here = blockAt(blocks, offset);
  if (!here) return null;
  const hit = exprAt(parseBlock(here.block), offset);
  if (!hit || hit.expr.kind !== 'name') return null;
  const span = definitionSpan(blocks, here, hit.expr.name, hit.expr.span);
  if (!span) return null;
  return analyzed.cells?.location(span) ?? { uri: document.uri, range: rangeOf(document, span) };
}

function definitionSpan(blocks: readonly BlockAnalysis[], here: BlockAnalysis, name: string, usage: Span): Span | undefined {
  const binding = here.inputs.find((b) => b.name === name && b.span);
  if (binding?.span) return binding.span;
  const own = here.definitions.find((d) => d.name === name);
  if (own && !(own.span.start === usage.start && own.span.end === usage.end)) return own.span;
  const earlier = blocks.filter((b) => b.block.index < here.block.index).reverse();
  const later = blocks.filter((b) => b.block.index > here.block.index);
  for (const b of [...earlier, ...later]) {
    const d = b.definitions.find((x) => x.name === name);
    if (d) return d.span;
  }
  return own?.span;
}
