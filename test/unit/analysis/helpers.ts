// Shared by the analysis tests: analyse a Markdown string, find blocks, compare numbers.
import * as assert from 'node:assert/strict';
import type { Nested } from '../../../engine';
import { isSummary, type Shown } from '../../../server/nested';
import { DocumentAnalyzer, type BlockAnalysis, type Settings } from '../../../server/analysis';

export function analyzeMarkdown(text: string, uri = 'file:///notes/test.md', settings?: Partial<Settings>): BlockAnalysis[] {
  return new DocumentAnalyzer(settings).analyze(uri, text, 'markdown');
}

/** The block whose math text contains `fragment` (exactly one must). */
export function blockWith(blocks: BlockAnalysis[], fragment: string): BlockAnalysis {
  const found = blocks.filter((b) => b.block.text.includes(fragment));
  assert.equal(found.length, 1, `expected one block containing ${JSON.stringify(fragment)}, found ${found.length}`);
  return found[0];
}

export function inputValue(a: BlockAnalysis, name: string): Nested {
  const b = a.inputs.find((i) => i.name === name);
  assert.ok(b, `no input ${name} among ${a.inputs.map((i) => i.name).join(', ')}`);
  return b.value.toNested();
}

/** Every number of a value; a value summarised for display (nested.ts SHOWN_IN_FULL) has none to compare. */
export function flat(v: Shown): number[] {
  if (isSummary(v)) assert.fail(`a summarised value (shape ${v.shape.join('×')}) has no numbers to compare`);
  return typeof v === 'number' ? [v] : v.flatMap(flat);
}

export function assertClose(actual: Shown | null | undefined, expected: Nested, rtol = 1e-12, what = 'value'): void {
  assert.ok(actual !== null && actual !== undefined, `${what} is missing`);
  const a = flat(actual);
  const e = flat(expected);
  assert.equal(a.length, e.length, `${what}: ${a.length} numbers, expected ${e.length}`);
  a.forEach((x, i) => {
    assert.ok(Math.abs(x - e[i]) <= rtol * Math.max(1, Math.abs(e[i])), `${what}[${i}] = ${x}, expected ${e[i]}`);
  });
}

export function describeBlock(a: BlockAnalysis): string {
  return `${JSON.stringify(a.block.text.slice(0, 60))}: ${a.status} (${a.message ?? ''})`;
}
