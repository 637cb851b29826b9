// The last gradient check of each block, shown as a CodeLens verdict until the block changes.
import type { CheckResult } from '../protocol';

export interface StoredCheck { blockIndex: number; blockText: string; result: CheckResult }

export class CheckResults {
  private readonly results = new Map<string, { blockText: string; result: CheckResult }>();

  /** The background analysis's copy (background/worker.ts): it draws the verdicts of the blocks it owns. */
  static of(uri: string, stored: readonly StoredCheck[]): CheckResults {
    const copy = new CheckResults();
    for (const s of stored) copy.remember(uri, s.blockIndex, s.blockText, s.result);
    return copy;
  }

  storedFor(uri: string): StoredCheck[] {
    return [...this.results].filter(([key]) => key.startsWith(`${uri}#`))
      .map(([key, { blockText, result }]) => ({ blockIndex: Number(key.slice(uri.length + 1)), blockText, result }));
  }

  remember(uri: string, blockIndex: number, blockText: string, result: CheckResult): void {
    this.results.set(`${uri}#${blockIndex}`, { blockText, result });
  }

  /** The stored verdict, unless the block's text has changed since the check. */
  lookup(uri: string, blockIndex: number, blockText: string): CheckResult | undefined {
    const entry = this.results.get(`${uri}#${blockIndex}`);
    return entry && entry.blockText === blockText ? entry.result : undefined;
  }

  forget(uri: string): void {
    for (const key of [...this.results.keys()]) if (key.startsWith(`${uri}#`)) this.results.delete(key);
  }
}
