// `npm run bench`: runs every suite in bench/suites/ (one file each, exporting `suite`), prints the
// tables, and rewrites BENCHMARKS.md. `npm run bench -- --only matmul` runs the suites whose file
// name contains "matmul" and prints them without touching BENCHMARKS.md.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentLoad, describeMachine } from './machine';
import { Outcome, renderReport } from './report';
import { SECTIONS, Suite } from './suite';

// From dist/bench.js and from bench/main.ts alike, the suites' sources are in <repo>/bench/suites.
const SUITES_DIR = join(__dirname, '..', 'bench', 'suites');

function suiteFiles(only: string | undefined): string[] {
  return readdirSync(SUITES_DIR).filter((f) => f.endsWith('.ts') && (!only || f.includes(only))).sort();
}

async function main(): Promise<void> {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
  const machine = describeMachine();
  const files = suiteFiles(only);
  // esbuild bundles every file matching ./suites/* for this require, so the bundle finds them too.
  const suites = files.map((file) => ({ file, suite: (require(`./suites/${file}`) as { suite: Suite }).suite }));
  const rank = (s: Suite) => SECTIONS.indexOf(s.section);
  suites.sort((a, b) => rank(a.suite) - rank(b.suite) || a.suite.order - b.suite.order);
  const outcomes: Outcome[] = [];
  for (const { file, suite } of suites) {
    process.stderr.write(`bench: ${suite.title} … `);
    const start = performance.now();
    const outcome: Outcome = { section: suite.section, title: suite.title, file, seconds: 0 };
    try {
      outcome.result = await suite.run();
    } catch (e) {
      outcome.error = (e as Error).message;
    }
    outcome.seconds = (performance.now() - start) / 1000;
    process.stderr.write(`${outcome.error ? `failed: ${outcome.error}` : 'done'} (${outcome.seconds.toFixed(1)} s)\n`);
    outcomes.push(outcome);
  }
  const report = renderReport(machine, currentLoad(), outcomes);
  process.stdout.write(report);
  if (!only) writeFileSync(join(process.cwd(), 'BENCHMARKS.md'), report);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
