// `<!-- autodiff: x_1 = 2, x_2 = 5, \theta: 4, W: 3x2 -->`: values written in the autodiff language,
// or shapes to sample (SPEC §3, second source). Later entries may use earlier ones.
import type { ParsedAnnotation, Span } from '../parse';
import { EvaluationError, NotEvaluable } from './errors';
import { Evaluator } from './evaluator';
import { checkSize } from './guard';
import { sampleUniform } from './sampling';
import { Scope } from './scope';
import type { AnnotationValue } from './state';
import type { Settings } from './settings';

export interface AnnotationResult {
  values: Map<string, AnnotationValue>;
  problems: Array<{ span: Span; message: string }>;
}

export function evaluateAnnotation(
  parsed: ParsedAnnotation,
  uri: string, settings: Settings, documentText: string, blockIndex: number,
): AnnotationResult {
  const values = new Map<string, AnnotationValue>();
  const problems = parsed.errors.map((e) => ({ span: e.span, message: `annotation: ${e.message}` }));
  // Values are autodiff-language constants; earlier entries of the same annotation are in scope.
  const scope = new Scope(blockIndex, 'autodiff', values, () => undefined, [], documentText);
  const ev = new Evaluator({ uri, settings, syntax: 'autodiff', documentText, blockIndex, strict: true }, scope);
  for (const b of parsed.bindings) {
    try {
      if (b.value) {
        ev.statementKey = `annotation:${b.name}`;
        values.set(b.name, { name: b.name, value: ev.evalExpr(b.value, ev.root).value, sampled: false, span: b.span });
      } else {
        const shape = b.shape ?? [];
        checkSize(ev.state, shape, b.span, `sampled ${b.name}`);
        values.set(b.name, { name: b.name, value: sampleUniform(uri, b.name, shape, settings.sampleLow, settings.sampleHigh), sampled: true, span: b.span });
      }
    } catch (e) {
      if (e instanceof EvaluationError || e instanceof NotEvaluable) problems.push({ span: e.span ?? b.span, message: `annotation: ${e.message}` });
      else throw e;
    }
  }
  return { values, problems };
}
