// `adjoint eval FILE`: per block its lines, status, output value, inputs (sampled marked), gradient.
import type { BlockAnalysis } from '../analysis';
import { blockLines, errorPlace, placeText, type AnalyzedFile } from './document-file';
import { formatNested, table } from './format';

const STATUS_TEXT: Record<BlockAnalysis['status'], string> = { ok: 'ok', 'not-evaluable': 'not evaluable', error: 'error' };

export function textReport(file: AnalyzedFile): string {
  const count = (s: BlockAnalysis['status']) => file.blocks.filter((b) => b.status === s).length;
  const out = [`${file.path}: ${file.blocks.length} math block${file.blocks.length === 1 ? '' : 's'} · ${count('ok')} ok · ${count('not-evaluable')} not evaluable · ${count('error')} error${count('error') === 1 ? '' : 's'}`];
  for (const a of file.blocks) out.push('', ...blockText(file, a));
  return out.join('\n') + '\n';
}

function lineRange(file: AnalyzedFile, a: BlockAnalysis): string {
  const { cell, line, endLine } = blockLines(file, a);
  const lines = line === endLine ? `line ${line}` : `lines ${line}–${endLine}`;
  return cell === undefined ? lines : `cell ${cell}, ${lines}`;
}

/** " at line 4, col 7" for a block in error (" at col 7" when the block is that one line), else "". */
function errorAt(file: AnalyzedFile, a: BlockAnalysis): string {
  const place = a.status === 'error' ? errorPlace(file, a) : null;
  if (!place) return '';
  const { line, endLine } = blockLines(file, a);
  return line === endLine ? ` at col ${place.column}` : ` at ${placeText(place)}`;
}

function blockText(file: AnalyzedFile, a: BlockAnalysis): string[] {
  const head = `${lineRange(file, a)} · ${a.block.syntax} · ${STATUS_TEXT[a.status]}`;
  if (a.status !== 'ok') return [`${head}${errorAt(file, a)}: ${a.message ?? ''}`.trimEnd()];
  const output = a.outputName ?? 'output';
  const lines = [`${head}: ${output} = ${formatNested(a.value ?? NaN)}`];
  if (a.reducedBySum) lines.push('  (the output is a tensor: the gradient is that of the sum of its entries)');
  if (a.inputs.length > 0) {
    const rows = [['input', 'value', '', output.length <= 12 ? `∂${output}/∂input` : 'gradient']];
    for (const b of a.inputs) {
      const g = a.gradient[b.name];
      rows.push([b.name, formatNested(b.value.toNested()), b.sampled ? '(sampled)' : '', g === undefined ? '—' : formatNested(g)]);
    }
    lines.push(...table(rows));
  }
  for (const c of a.claims) {
    lines.push(c.unchecked ? `  claim ${c.claim}: ? not checked — ${c.unchecked}` : c.holds
      ? `  claim ${c.claim}: ✓ matches autodiff`
      : `  claim ${c.claim}: ✗ differs — ${c.shapes ?? `yours ${formatNested(c.yours)}, autodiff ${formatNested(c.autodiff)} (max error ${formatNested(c.maxError)})`}`);
  }
  return lines;
}
