// `adjoint eval FILE --json`: exactly the object of SPEC §7.
import type { Nested } from '../../engine';
import type { BlockAnalysis } from '../analysis';
import { blockLines, placeOf, type AnalyzedFile } from './document-file';

export interface JsonClaim {
  line: number; claim: string; holds: boolean; autodiff: Nested; yours: Nested; unchecked?: string;
  maxError: number; points: number; where: Record<string, Nested> | null;
}

export interface JsonBlock {
  cell?: number;            // notebooks only: 0-based cell index; line/endLine then count inside the cell
  line: number; endLine: number; syntax: 'latex' | 'autodiff'; status: BlockAnalysis['status'];
  output: string | null; value: Nested | null;
  inputs: Record<string, { value: Nested; sampled: boolean }>;
  gradient: Record<string, Nested>;
  claims: JsonClaim[];
  message: string | null;
}

export interface JsonReport { file: string; blocks: JsonBlock[] }

export function jsonReport(file: AnalyzedFile): JsonReport {
  return { file: file.path, blocks: file.blocks.map((a) => jsonBlock(file, a)) };
}

function jsonBlock(file: AnalyzedFile, a: BlockAnalysis): JsonBlock {
  const inputs: JsonBlock['inputs'] = {};
  for (const b of a.inputs) inputs[b.name] = { value: b.value.toNested(), sampled: b.sampled };
  return {
    ...blockLines(file, a),
    syntax: a.block.syntax,
    status: a.status,
    output: a.status === 'ok' ? a.outputName : null,
    value: a.status === 'ok' ? a.value : null,
    inputs,
    gradient: a.status === 'ok' ? a.gradient : {},
    claims: a.claims.map((c) => ({
      line: placeOf(file, c.span.start).line, claim: c.claim, holds: c.holds, autodiff: c.autodiff, yours: c.yours,
      maxError: c.maxError, points: c.points, where: c.where, ...(c.unchecked ? { unchecked: c.unchecked } : {}),
    })),
    message: a.message,
  };
}
