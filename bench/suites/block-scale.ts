// Issue 13's targets for one big block: analysis linear in the graph (a 1,000-term sum, the node
// limit), and the CLI on a 300×300 matmul chain against the engine's own forward + backward.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradValues, matmul, NDArray, sum, tanh, variable } from '../../engine';
import { DocumentAnalyzer } from '../../server/analysis';
import { formatMs, medianMs } from '../measure';
import { Suite } from '../suite';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const TIME = '/usr/bin/time';
const TARGET_SUM_MS = 200;
const TARGET_SUM_MB = 100;
const TARGET_LIMIT_MS = 1000;
const TARGET_CLI_RATIO = 3;
/** The most terms under maxNodesPerBlock (20,000 nodes built, constants and index nodes included). */
const LIMIT_TERMS = 3330;

/** `Let θ ∈ R^n` and one block summing n terms sin(θ_i)·θ_i: 5 graph nodes a term. */
function sumNote(terms: number): string {
  return `Let $\\theta \\in \\mathbb{R}^{${terms}}$.\n\n$$ f = \\sum_{i=1}^{${terms}} \\sin(\\theta_i)\\cdot\\theta_i $$\n`;
}

const N = 300;
const MATMUL_NOTE = '```autodiff\nA = randn(300, 300)\nB = randn(300, 300)\nC = randn(300, 300)\ny = sum(tanh(A @ B @ C))\n```\n';

function analysisMs(text: string): { ms: number; status: string } {
  let status = '';
  const ms = medianMs(() => {
    const blocks = new DocumentAnalyzer().analyze('file:///bench/block.md', text, 'markdown');
    status = blocks[blocks.length - 1].status;
  }, { runs: 5, warmup: 1 });
  return { ms, status };
}

/** Wall-clock ms and peak RSS (MB, from GNU time when installed) of `adjoint eval FILE --json`. */
function cli(text: string, name: string): { ms: number; mb: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'adjoint-bench-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, text);
    const withTime = existsSync(TIME);
    const times: number[] = [];
    let mb: number | null = null;
    for (let r = 0; r < 3; r++) {
      const args = [CLI, 'eval', file, '--json'];
      const start = performance.now();
      const result = withTime
        ? spawnSync(TIME, ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
        : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
      times.push(performance.now() - start);
      if (result.status !== 0) throw new Error(`adjoint eval failed (${result.status}): ${result.stderr.slice(0, 300)}`);
      if (withTime) mb = Math.max(mb ?? 0, Number(result.stderr.trim().split('\n').pop()) / 1024);
    }
    return { ms: times.sort((a, b) => a - b)[1], mb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same function on the engine alone: forward and gradValues w.r.t. A, B and C. */
function engineMs(): number {
  const random = () => NDArray.from(Array.from({ length: N }, () => Array.from({ length: N }, () => Math.random() * 2 - 1)));
  const [a, b, c] = [random(), random(), random()];
  return medianMs(() => {
    const [A, B, C] = [variable(a), variable(b), variable(c)];
    const y = sum(tanh(matmul(matmul(A, B), C)));
    gradValues(y, [A, B, C]);
  }, { runs: 5, warmup: 1 });
}

const verdict = (ok: boolean): string => (ok ? 'met' : 'missed');

export const suite: Suite = {
  section: 'analysis',
  order: 4,
  title: 'One big block: analysis and the CLI (lower is better)',
  run() {
    const sum1000 = analysisMs(sumNote(1000));
    const limit = analysisMs(sumNote(LIMIT_TERMS));
    const chain = analysisMs(MATMUL_NOTE);
    const sumCli = cli(sumNote(1000), 'sum-1000.md');
    const chainCli = cli(MATMUL_NOTE, 'matmul-chain.md');
    const engine = engineMs();
    const ratio = chain.ms / engine;
    const mb = (x: number | null) => (x === null ? '— (no GNU time)' : x.toFixed(0));
    return {
      columns: ['benchmark', 'measured', 'target', 'verdict'],
      rows: [
        ['`\\sum_{i=1}^{1000} \\sin(\\theta_i)\\cdot\\theta_i` (~5,000 nodes): analysis, ms', formatMs(sum1000.ms), `≤ ${TARGET_SUM_MS}`, verdict(sum1000.ms <= TARGET_SUM_MS)],
        ['the same note in `adjoint eval --json`, ms / peak RSS MB', `${formatMs(sumCli.ms)} / ${mb(sumCli.mb)}`, `— / ≤ ${TARGET_SUM_MB}`, sumCli.mb === null ? '—' : verdict(sumCli.mb <= TARGET_SUM_MB)],
        [`${LIMIT_TERMS.toLocaleString('en-US')} terms (16,650 graph nodes; ~20,000 built, the block limit): analysis, ms`, formatMs(limit.ms), `≤ ${TARGET_LIMIT_MS}`, verdict(limit.ms <= TARGET_LIMIT_MS)],
        ['300×300 matmul chain `sum(tanh(A @ B @ C))` (autodiff fence): analysis, ms', formatMs(chain.ms), '—', '—'],
        ['the same, engine alone (forward + gradValues w.r.t. A, B, C), ms', formatMs(engine), '—', '—'],
        ['analysis ÷ engine', ratio.toFixed(1), `≤ ${TARGET_CLI_RATIO}`, verdict(ratio <= TARGET_CLI_RATIO)],
        ['the chain in `adjoint eval --json` (process start, sampling 270,000 entries, full JSON), ms', formatMs(chainCli.ms), '—', '—'],
      ],
      notes: [
        `Analysis: median of 5 fresh DocumentAnalyzer runs (status of the blocks: ${sum1000.status}, ${limit.status}, ${chain.status}). A result is plain data ` +
          '(value, gradient); nodes, edges and reverse steps are built only when a hover, hint or panel asks (server/analysis/graph-session.ts). ' +
          'Before (issue 13): 250 terms took 9.2 s and 886 MB in `adjoint eval`, 500 terms ran out of memory.',
        'CLI: median of 3 spawns, process start included; peak RSS from GNU time (`%M`). Engine: median of 5, same shapes, in this process.',
        `Targets (issue 13): sum block ≤ ${TARGET_SUM_MS} ms — ${verdict(sum1000.ms <= TARGET_SUM_MS)}; ≤ ${TARGET_SUM_MB} MB — ` +
          `${sumCli.mb === null ? 'not measured' : verdict(sumCli.mb <= TARGET_SUM_MB)}; node limit ≤ ${TARGET_LIMIT_MS} ms — ` +
          `${verdict(limit.ms <= TARGET_LIMIT_MS)}; matmul chain analysis ≤ ${TARGET_CLI_RATIO}× engine (the CLI row adds process start and printing) — ${verdict(ratio <= TARGET_CLI_RATIO)}.`,
      ],
    };
  },
};
