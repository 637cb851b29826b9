// The `adjoint` command line: argument handling and dispatch. Returns the exit status
// (0 fine, 1 a check failed, 2 usage or file errors); never prints a stack trace for user mistakes.
import { checkFiles } from './check-command';
import { readAndAnalyze, UsageError, type AnalyzedFile } from './document-file';
import { DEFAULT_MAX_MB, UnreadableNote } from './read-note';
import { jsonReport } from './json-report';
import { textReport } from './text-report';

export interface CliIO { out: (text: string) => void; err: (text: string) => void }

export const USAGE = `usage:
  adjoint eval FILE [--json]   analyse every math block of FILE (.md, .tex, .autodiff,
                               .ipynb): values, inputs (sampled ones marked) and gradients;
                               --json prints one JSON object (see SPEC §7); in a notebook
                               each block names its cell (0-based), lines count in the cell
  adjoint check FILE...        run every block's gradient check and derivation claims;
                               exit status 1 if any fails, 2 if a FILE cannot be read
                               (the readable ones are still checked)
  --max-size=MB                refuse notes larger than MB megabytes (default ${DEFAULT_MAX_MB});
                               only regular text files are read
  adjoint --help               this text
`;

export async function runCli(args: string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnreadableNote) {
      io.err(`adjoint: ${e.message}\n`);
      return 2;
    }
    io.err(`adjoint: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

async function dispatch(args: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help' || rest.includes('--help')) {
    if (command === undefined) { io.err(USAGE); return 2; }
    io.out(USAGE);
    return 0;
  }
  const maxMb = maxSizeOf(rest);
  const flags = rest.filter((a) => a.startsWith('-') && !a.startsWith('--max-size='));
  const files = rest.filter((a) => !a.startsWith('-'));
  if (command === 'eval') {
    const unknown = flags.filter((f) => f !== '--json');
    if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]} for eval\n${USAGE}`);
    if (files.length !== 1) throw new UsageError(`eval takes exactly one FILE (got ${files.length})\n${USAGE}`);
    const file = readAndAnalyze(files[0], undefined, maxMb);
    io.out(flags.includes('--json') ? JSON.stringify(jsonReport(file)) + '\n' : textReport(file));
    return 0;
  }
  if (command === 'check') {
    if (flags.length > 0) throw new UsageError(`unknown option ${flags[0]} for check\n${USAGE}`);
    if (files.length === 0) throw new UsageError(`check needs at least one FILE\n${USAGE}`);
    // An unreadable file is reported and skipped: the others are still checked, the exit status says 2.
    const analyzed: AnalyzedFile[] = [];
    let unreadable = 0;
    for (const f of files) {
      try {
        analyzed.push(readAndAnalyze(f, undefined, maxMb));
      } catch (e) {
        if (!(e instanceof UnreadableNote)) throw e;
        io.err(`adjoint: ${e.message}\n`);
        unreadable++;
      }
    }
    const summary = await checkFiles(analyzed, (line) => io.out(line + '\n'));
    return unreadable > 0 ? 2 : summary.failed > 0 ? 1 : 0;
  }
  throw new UsageError(`unknown command '${command}'\n${USAGE}`);
}

/** `--max-size=MB`: a positive number of megabytes; the default when absent. */
function maxSizeOf(args: string[]): number {
  const flag = args.filter((a) => a.startsWith('--max-size=')).pop();
  if (flag === undefined) return DEFAULT_MAX_MB;
  const mb = Number(flag.slice('--max-size='.length));
  if (!Number.isFinite(mb) || mb <= 0 || mb > 100_000) throw new UsageError(`--max-size wants a number of megabytes above 0 (got ${flag.slice('--max-size='.length) || 'nothing'})`);
  return mb;
}
