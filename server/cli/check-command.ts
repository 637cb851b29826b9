// `adjoint check FILE…`: every evaluable block's gradient check and every derivation claim; a verdict
// per block; failures (and blocks in error) make the exit status 1.
import { checkBlock, defaultSettings, stepNote, type BlockAnalysis, type Settings } from '../analysis';
import { blockLines, errorPlace, lineText, placeOf, placeText, type AnalyzedFile } from './document-file';
import { formatError, formatNested } from './format';

export interface CheckSummary { checked: number; failed: number; skipped: number }

export async function checkFiles(files: AnalyzedFile[], write: (line: string) => void, settings: Settings = defaultSettings): Promise<CheckSummary> {
  const summary: CheckSummary = { checked: 0, failed: 0, skipped: 0 };
  for (const file of files) {
    write(file.path);
    for (const a of file.blocks) await checkOne(file, a, settings, write, summary);
  }
  const skipped = summary.skipped > 0 ? ` · ${summary.skipped} skipped (not evaluable, nothing to differentiate, or a claim whose right side reads sampled names)` : '';
  write(`${summary.checked} checked · ${summary.failed} failed${skipped}`);
  return summary;
}

async function checkOne(file: AnalyzedFile, a: BlockAnalysis, settings: Settings, write: (line: string) => void, summary: CheckSummary): Promise<void> {
  const at = lineText(blockLines(file, a));
  // Not evaluable, or a constant (`$k = 1$`): there is no gradient to check.
  if (a.status === 'not-evaluable' || (a.status === 'ok' && Object.keys(a.gradient).length === 0 && a.claims.length === 0)) {
    summary.skipped++;
    return;
  }
  summary.checked++;
  if (a.status === 'error') {
    summary.failed++;
    const place = errorPlace(file, a);
    write(`  ✗ ${place ? placeText(place) : at}: ${a.message ?? 'error'}`);
    return;
  }
  const name = a.outputName ?? 'output';
  try {
    const report = await checkBlock(a, settings);
    if (report.passed) {
      write(`  ✓ ${at} ${name}: gradient check passed · max rel err ${formatError(report.maxRelError)}${stepNote(report.inputs)}`);
    } else {
      summary.failed++;
      const worst = report.inputs.filter((i) => !i.passed).map((i) => i.name).join(', ');
      const blame = report.blame ? ` · disagreeing node: ${report.blame.node.label ?? report.blame.op} (${report.blame.op}${report.blame.reason ? `: ${report.blame.reason}` : ''})` : '';
      write(`  ✗ ${at} ${name}: gradient check failed for ${worst || 'some input'} · max rel err ${formatError(report.maxRelError)}${stepNote(report.inputs)}${blame}`);
    }
  } catch (e) {
    summary.failed++;
    write(`  ✗ ${at} ${name}: the gradient check could not run: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const c of a.claims) {
    const claimAt = lineText(placeOf(file, c.span.start));
    if (c.unchecked) {
      summary.skipped++;
      write(`  ? ${claimAt} ${c.claim}: not checked: ${c.unchecked}`);
    } else if (c.holds) {
      write(`  ✓ ${claimAt} ${c.claim}: matches autodiff`);
    } else {
      summary.failed++;
      const where = c.where ? ` at ${Object.entries(c.where).map(([k, v]) => `${k} = ${formatNested(v)}`).join(', ')}` : '';
      write(`  ✗ ${claimAt} ${c.claim}: differs${where}: ${c.shapes ?? `yours ${formatNested(c.yours)}, autodiff ${formatNested(c.autodiff)}`}${c.pathways ? ` · ${c.pathways}` : ''}`);
    }
  }
}
