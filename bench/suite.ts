// What a benchmark suite is: one file in bench/suites/ exporting `suite`. bench/main.ts runs every
// file there and writes each result as a table in BENCHMARKS.md, grouped by section.

export type Section = 'engine' | 'analysis';
/** The order sections run in and appear in BENCHMARKS.md. */
export const SECTIONS: readonly Section[] = ['engine', 'analysis'];

export interface SuiteResult {
  columns: string[];
  rows: string[][];
  /** Lines printed under the table: method, and whether the targets are met (say so plainly; lines
   *  starting with "Target" are also collected at the top of BENCHMARKS.md). */
  notes: string[];
}

export interface Suite {
  section: Section;
  /** Position within the section (ascending). */
  order: number;
  title: string;
  run(): Promise<SuiteResult> | SuiteResult;
}
