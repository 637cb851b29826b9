// The last gradient check of each block, shown as a CodeLens verdict until the block changes.
import type { CheckResult } from '../protocol';

export class CheckResults {
  private readonly results = new Map<string, { blockText: string; result: CheckResult }>();

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
