// Shared by the claim tests: analyse a Markdown note and pick out its claims.
import * as assert from 'node:assert/strict';
import { DocumentAnalyzer, type BlockAnalysis, type ClaimResult, type Settings } from '../../../server/analysis';

export const LECTURE_Y = 'y = \\ln(x_1) + x_1 x_2 - \\sin(x_2)';

/** One display block from lines of LaTeX, joined as statements with `\\`. */
export function display(lines: string[], annotation?: string): string {
  const head = annotation ? `<!-- autodiff: ${annotation} -->\n` : '';
  return `${head}$$\n${lines.join(' \\\\\n')}\n$$\n`;
}

export function analyze(text: string, settings?: Partial<Settings>): BlockAnalysis[] {
  return new DocumentAnalyzer(settings).analyze('file:///notes/claims.md', text, 'markdown');
}

export function onlyBlock(text: string, settings?: Partial<Settings>): BlockAnalysis {
  const blocks = analyze(text, settings);
  assert.equal(blocks.length, 1);
  return blocks[0];
}

export function claimOf(a: BlockAnalysis, lhs: string): ClaimResult {
  const found = a.claims.filter((c) => c.claim === lhs);
  assert.equal(found.length, 1, `claims: ${a.claims.map((c) => c.claim).join(', ')}; status ${a.status} (${a.message})`);
  return found[0];
}

export function close(actual: unknown, expected: number, rtol = 1e-9): void {
  assert.equal(typeof actual, 'number', `${JSON.stringify(actual)} is not a number`);
  assert.ok(Math.abs((actual as number) - expected) <= rtol * Math.max(1, Math.abs(expected)), `${actual} vs ${expected}`);
}
