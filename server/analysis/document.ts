// Analyses every block of a document in notebook order, incrementally: a block is served from the
// cache while its text, its annotation and the upstream entries it actually read are unchanged.
import type { LanguageId, MathBlock } from '../scan/blocks';
import { scanDocument } from '../scan/blocks';
import { BoldNames } from './bold-names';
import { analyzeBlock, deferredBlock, skippedBlock, type BlockJob, type BlockOutcome } from './block';
import { addExport, hashText, stillValid, type Entry } from './environment';
import { LineIndex } from './lines';
import { parseBlockText } from './parsing';
import { relocateAnalysis, relocateExports } from './relocate';
import { boundNames } from './scope';
import { defaultSettings, type Settings } from './settings';
import type { BlockAnalysis } from './types';

interface Cached { outcome: BlockOutcome; block: MathBlock }

/**
 * Watches block evaluation for the server (server/lsp/crashJournal.ts): a block that took the whole
 * process down last time is skipped, by `key` (a hash of its text and annotation).
 */
export interface BlockWatch {
  /** Why this block is not evaluated, or null to evaluate it. */
  skipReason(key: string): string | null;
  /** `line`: 1-based line where the block starts. */
  begin(key: string, uri: string, block: MathBlock, line: number): void;
  end(): void;
}

export interface AnalysisStats {
  /** Blocks evaluated (not served from the cache) by the latest analyze(). */
  recomputed: number;
  reused: number;
}

function cacheKey(block: MathBlock): string {
  const a = block.annotation;
  const annotation = a ? `${a.text}\u0000${block.content.start - a.span.start}` : '';
  return `${block.syntax}\u0000${block.text}\u0000${annotation}\u0000${block.boldApart?.join(' ') ?? ''}`;
}

export class DocumentAnalyzer {
  readonly settings: Settings;
  readonly stats: AnalysisStats = { recomputed: 0, reused: 0 };
  private readonly caches = new Map<string, Map<string, Cached[]>>();
  private readonly boldNames = new Map<string, BoldNames>();

  constructor(settings?: Partial<Settings>, private readonly watch?: BlockWatch) {
    this.settings = { ...defaultSettings, ...settings };
  }

  analyze(uri: string, text: string, languageId: LanguageId): BlockAnalysis[] {
    let blocks: MathBlock[];
    try {
      blocks = scanDocument(text, languageId);
    } catch {
      // Scanning promises not to throw; if it did, the document simply shows no math.
      blocks = [];
    }
    return this.analyzeBlocks(uri, text, blocks);
  }

  /** Analyses blocks found elsewhere (a notebook's cells laid end to end, server/scan/notebook.ts):
   *  `blocks` are in note order and their spans are offsets into `text`. */
  analyzeBlocks(uri: string, text: string, scanned: readonly MathBlock[]): BlockAnalysis[] {
    let bold = this.boldNames.get(uri);
    if (!bold) this.boldNames.set(uri, bold = new BoldNames());
    const blocks = bold.mark(scanned);
    this.stats.recomputed = 0;
    this.stats.reused = 0;
    const previous = this.caches.get(uri) ?? new Map<string, Cached[]>();
    const next = new Map<string, Cached[]>();
    const env = new Map<string, Entry>();
    const results: BlockAnalysis[] = new Array(blocks.length);
    // Names that deferred blocks bind (settings.deferAfterMs): a block reading one is deferred too.
    const pending = new Set<string>();
    let lines: LineIndex | undefined;
    const lineOf = (offset: number) => (lines ??= new LineIndex(text)).lineOf(offset);
    for (const at of evaluationOrder(text, blocks)) {
      const block = blocks[at];
      const key = cacheKey(block);
      const candidates = previous.get(key);
      const hitIndex = candidates ? candidates.findIndex((c) => reusable(c, env)) : -1;
      let cached: Cached;
      if (hitIndex >= 0) {
        const hit = candidates!.splice(hitIndex, 1)[0];
        cached = {
          block,
          outcome: {
            analysis: relocateAnalysis(hit.outcome.analysis, block, env, lineOf),
            exports: relocateExports(hit.outcome.exports, block, hit.block),
            used: hit.outcome.used,
          },
        };
        this.stats.reused++;
      } else {
        // A snapshot: the block's definitions keep resolving against what came before it.
        cached = { block, outcome: this.evaluate({ block, uri, settings: this.settings, documentText: text, env: new Map(env) }, key, lineOf) };
        this.stats.recomputed++;
      }
      // The cache keeps the block's own outcome: whether it must wait is decided afresh every time.
      const outcome = !cached.outcome.analysis.deferred && readsAny(cached.outcome.used, pending) ? deferredBlock(cached.outcome) : cached.outcome;
      if (outcome.analysis.deferred) for (const name of boundNames(parseBlockText(block).statements)) pending.add(name);
      for (const entry of outcome.exports) addExport(env, entry);
      results[at] = outcome.analysis;
      const list = next.get(key);
      if (list) list.push(cached); else next.set(key, [cached]);
    }
    this.caches.set(uri, next);
    return results;
  }

  forget(uri: string): void {
    this.caches.delete(uri);
    this.boldNames.delete(uri);
  }

  private evaluate(job: BlockJob, key: string, lineOf: (offset: number) => number): BlockOutcome {
    if (!this.watch) return analyzeBlock(job);
    const watchKey = hashText(key);
    const skip = this.watch.skipReason(watchKey);
    if (skip) return skippedBlock(job.block, skip);
    this.watch.begin(watchKey, job.uri, job.block, lineOf(job.block.span.start));
    try {
      return analyzeBlock(job);
    } finally {
      this.watch.end();
    }
  }
}

/**
 * Blocks in document order, except that an inline declaration in the prose that explains a display
 * block ("$$ z = W x $$ where $W \in \mathbb{R}^{h \times d}$") comes before it: a shape declared
 * anywhere in a block's paragraph applies to the block (SPEC §3).
 */
function evaluationOrder(text: string, blocks: readonly MathBlock[]): number[] {
  const order: number[] = [];
  const hoisted = new Set<number>();
  blocks.forEach((block, i) => {
    if (hoisted.has(i)) return;
    if (block.kind === 'display' || block.kind === 'environment') {
      const end = explanationEnd(text, block);
      for (let j = i + 1; j < blocks.length && blocks[j].span.end <= end; j++) {
        if (blocks[j].kind === 'inline' && onlyDeclares(blocks[j])) { order.push(j); hoisted.add(j); }
      }
    }
    order.push(i);
  });
  return order;
}

const BLANK_LINE = /\r?\n[ \t]*\r?\n/g;
const SENTENCE_GOES_ON = /[ \t]*\r?\n(?:[ \t]*\r?\n)+[ \t]*[a-z]/y;

/**
 * Where the prose that explains a display block ends: the end of its paragraph, or, when its sentence
 * goes on after a blank line (the d2l book sets every display formula apart: "$$z = W x,$$ ⏎ ⏎ where
 * $W \in …$"), the end of the next paragraph, which then starts with a lowercase word.
 */
function explanationEnd(text: string, block: MathBlock): number {
  SENTENCE_GOES_ON.lastIndex = block.span.end;
  const from = SENTENCE_GOES_ON.test(text) ? SENTENCE_GOES_ON.lastIndex : block.span.end;
  BLANK_LINE.lastIndex = from;
  return BLANK_LINE.exec(text)?.index ?? text.length;
}

function onlyDeclares(block: MathBlock): boolean {
  if (!block.text.includes('\\in')) return false;
  const parsed = parseBlockText(block);
  return parsed.errors.length === 0 && parsed.statements.length > 0 && parsed.statements.every((s) => s.kind === 'shape');
}

function readsAny(used: ReadonlyMap<string, unknown>, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  for (const name of used.keys()) if (names.has(name)) return true;
  return false;
}

function reusable(c: Cached, env: ReadonlyMap<string, Entry>): boolean {
  // Entries compare by fingerprint (what they mean, not where they are written): a moved definition
  // leaves its readers valid, since nodes imported from it carry no span in them.
  return stillValid(c.outcome.used, env);
}
