// Renders the benchmark results as BENCHMARKS.md.
import { Machine } from './machine';
import { Section, SECTIONS, SuiteResult } from './suite';

export interface Outcome { section: Section; title: string; file: string; result?: SuiteResult; error?: string; seconds: number }

const SECTION_TITLES: Record<Section, string> = { engine: 'Engine', analysis: 'Analysis and server' };

/** What the analysis section will measure; shown as "not measured yet" until a suite for it exists. */
const ANALYSIS_TO_MEASURE = [
  'cold analysis of a generated 5,000-line note',
  're-analysis after one edit',
  '`adjoint` CLI on that note',
  'hover latency, p95',
];

export function renderReport(machine: Machine, loadAtEnd: string, outcomes: Outcome[]): string {
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/main.ts, one suite per file in bench/suites/); do not edit by hand.',
    '',
    `- Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`,
    `- Run: ${machine.date}, ${outcomes.reduce((s, o) => s + o.seconds, 0).toFixed(0)} s in all`,
    `- Load average (1 min): ${machine.load} at the start, ${loadAtEnd} at the end. The machine is shared; ` +
      'a load above the core count means other work competed for the CPU and the numbers are pessimistic.',
    '',
  ];
  const targets = outcomes.flatMap((o) => o.result?.notes.filter((n) => n.startsWith('Target')) ?? []);
  if (targets.length > 0) lines.push('## Targets', '', ...targets.map((t) => `- ${t}`), '');
  for (const section of SECTIONS) {
    lines.push(`## ${SECTION_TITLES[section]}`, '');
    const mine = outcomes.filter((o) => o.section === section);
    for (const o of mine) lines.push(...renderOutcome(o));
    if (section === 'analysis' && mine.length === 0) {
      lines.push(...table(['benchmark', 'result'], ANALYSIS_TO_MEASURE.map((what) => [what, 'not measured yet'])));
      lines.push('To fill a row: add a file to bench/suites/ that exports `suite` with `section: \'analysis\'` (see bench/suite.ts).', '');
    }
  }
  return lines.join('\n');
}

function renderOutcome(o: Outcome): string[] {
  const lines = [`### ${o.title}`, ''];
  if (!o.result) return [...lines, `Failed (bench/suites/${o.file}): ${o.error}`, ''];
  lines.push(...table(o.result.columns, o.result.rows));
  for (const note of o.result.notes) lines.push(`- ${note}`);
  lines.push('');
  return lines;
}

function table(columns: string[], rows: string[][]): string[] {
  const align = columns.map((_, i) => (i === 0 ? '---' : '---:'));
  return [columns, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).concat('');
}
