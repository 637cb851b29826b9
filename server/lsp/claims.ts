// Derivation claims in the editor: the CodeLens verdict above a claim (`✓ matches autodiff`,
// `✗ differs at x₁ = 2: yours 5, autodiff 5.5`) and the comparison in the hover over it.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { unicodeLabel } from '../../engine/formula/labels';
import type { ClaimResult } from '../analysis';
import type { Nested } from '../protocol';
import type { AnalyzedDocument } from './analysisStore';
import { formatNumber, formatValue } from './format';
import { contains } from './locate';
import { code, escapeMarkdown } from './markdown';

function whereText(claim: ClaimResult): string {
  if (!claim.where) return '';
  const at = Object.entries(claim.where).map(([name, v]) => `${unicodeLabel(name)} = ${formatValue(v)}`).join(', ');
  return at ? ` at ${at}` : '';
}

export function claimLensTitle(claim: ClaimResult): string {
  if (claim.unchecked) return `? not checked: ${claim.unchecked}`;
  return claim.holds
    ? '✓ matches autodiff'
    : `✗ differs${whereText(claim)}: ${claim.shapes ?? `yours ${formatValue(claim.yours)}, autodiff ${formatValue(claim.autodiff)}`}`;
}

export function claimAt(analyzed: AnalyzedDocument, offset: number): ClaimResult | undefined {
  for (const a of analyzed.blocks) {
    if (!contains(a.block.span, offset)) continue;
    return a.claims.find((c) => contains(c.span, offset));
  }
  return undefined;
}

function claimMarkdown(claim: ClaimResult): string {
  const value = (v: Nested) => code(formatValue(v));
  if (claim.unchecked) return `**Claim not checked**: ${code(claim.claim)}: ${escapeMarkdown(claim.unchecked)}. Bind them in an annotation or define them above.`;
  const lines = [
    claim.holds
      ? `**Claim holds**: ${code(claim.claim)} matches autodiff at ${claim.points} point${claim.points === 1 ? '' : 's'} (the bound point and re-sampled ones)`
      : `**Claim does not hold**: ${code(claim.claim)} differs from autodiff${whereText(claim)}${claim.shapes ? `: ${claim.shapes}` : ''}`,
    '',
    `- yours: ${value(claim.yours)}`,
    `- autodiff: ${value(claim.autodiff)}`,
    `- largest difference: ${code(formatNumber(claim.maxError))} over ${claim.points} point${claim.points === 1 ? '' : 's'}`,
  ];
  if (claim.pathways) lines.push(`- pathways: ${claim.pathways}`);
  return lines.join('\n');
}

/** The claim comparison, put before whatever the ordinary hover says about the node under the cursor. */
export function withClaimHover(analyzed: AnalyzedDocument, params: HoverParams, nodeHover: Hover | null): Hover | null {
  const { document } = analyzed;
  const claim = claimAt(analyzed, document.offsetAt(params.position));
  if (!claim) return nodeHover;
  const below = nodeHover && typeof nodeHover.contents === 'object' && 'value' in nodeHover.contents ? `\n\n---\n\n${nodeHover.contents.value}` : '';
  return {
    contents: { kind: MarkupKind.Markdown, value: `${claimMarkdown(claim)}${below}` },
    range: nodeHover?.range ?? { start: document.positionAt(claim.span.start), end: document.positionAt(claim.span.end) },
  };
}
