// Why a sum-of-terms claim is wrong: the adjoint of an input is the sum of its partial adjoints,
// one per pathway out of it (v̄_i = Σ_j v̄_{i→j}). The user's terms are matched against those
// pathways at every checked point; a pathway no term matches is missing, a term that matches no
// pathway is wrong.
import { NDArray, reverseTrace, type Tensor } from '../../engine';
import type { ClaimSite } from './claim-statement';
import { compareValues } from './claim-compare';
import { formatNumber } from './format-number';
import type { BlockState } from './state';

interface Pathway { through: Tensor; value: NDArray }
interface Term { node: Tensor; sign: 1 | -1; value: NDArray }

function plus(a: NDArray, b: NDArray): NDArray {
  const out = new Float64Array(a.size);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i] + b.data[i];
  return new NDArray(out, a.shape);
}

function negated(a: NDArray): NDArray {
  return new NDArray(a.data.map((v) => -v), a.shape);
}

/** The pathways out of `wrt` towards `of`, summed per consumer; a lone pass-through (v_1 = x_1) is looked through. */
export function pathwaysOf(of: Tensor, wrt: Tensor): Pathway[] {
  const trace = reverseTrace(of);
  let from = wrt;
  for (;;) {
    const byConsumer = new Map<Tensor, NDArray>();
    for (const edge of trace.edges) {
      if (edge.from !== from) continue;
      const sum = byConsumer.get(edge.to);
      byConsumer.set(edge.to, sum ? plus(sum, edge.value.value) : edge.value.value);
    }
    const pathways = [...byConsumer].map(([through, value]) => ({ through, value }));
    const only = pathways.length === 1 ? pathways[0].through : undefined;
    if (!only || only.op?.name !== 'identity' || only === of) return pathways;
    from = only;
  }
}

/** The signed terms of a sum: a + b − (c − d) gives a, b, −c, +d. */
export function termsOf(t: Tensor, sign: 1 | -1 = 1, out: Term[] = []): Term[] {
  const flip = (s: 1 | -1): 1 | -1 => (s === 1 ? -1 : 1);
  switch (t.op?.name) {
    case 'add': termsOf(t.inputs[0], sign, out); termsOf(t.inputs[1], sign, out); break;
    case 'sub': termsOf(t.inputs[0], sign, out); termsOf(t.inputs[1], flip(sign), out); break;
    case 'neg': termsOf(t.inputs[0], flip(sign), out); break;
    default: out.push({ node: t, sign, value: sign === 1 ? t.value : negated(t.value) });
  }
  return out;
}

function labelOf(t: Tensor, state: BlockState): string {
  const meta = state.meta.get(t);
  // A named intermediate reads as its definition: "v_4 = v_1 v_2". An earlier block's node keeps the
  // text it was made from as its label: its span is in that block's text as it was analysed, which
  // an edit above may have moved since.
  const source = meta?.upstreamBlock !== undefined ? meta.label : meta?.span ? state.sourceText(meta.span) : undefined;
  if (meta?.name) return source && source !== meta.name ? `${meta.name} = ${source}` : meta.name;
  if (meta?.label) return meta.label;
  if (source) return source;
  return t.label ?? t.op?.name ?? 'a constant';
}

function brief(x: NDArray): string {
  return x.size === 1 ? formatNumber(x.data[0]) : `a tensor of shape (${x.shape.join(', ')})`;
}

/**
 * `sites` is one first-order claim evaluated at every checked point (the bound point first, whose
 * graph `state` describes); numbers are quoted at point `at` (where the claim fails). Undefined when
 * the claim is not a sum or the pathways cannot tell.
 */
export function explainPathways(sites: ClaimSite[], state: BlockState, atol: number, rtol: number, at: number): string | undefined {
  const perPoint = sites.map((s) => ({ pathways: pathwaysOf(s.of, s.wrt[0]), terms: termsOf(s.yours) }));
  const [first] = perPoint;
  // Pathways out of a tensor run through its entries one by one: readable for scalars only.
  if (!first || sites[0].wrt[0].shape.length > 0 || (first.pathways.length < 2 && first.terms.length < 2)) return undefined;
  // The graphs are built from the same text at every point, so pathways and terms line up by position.
  if (perPoint.some((p) => p.pathways.length !== first.pathways.length || p.terms.length !== first.terms.length)) return undefined;
  const matches = (pathIndex: number, termIndex: number) => perPoint.every((p) => {
    const c = compareValues(p.pathways[pathIndex].value, p.terms[termIndex].value, atol, rtol);
    return c.kind === 'compared' && c.close;
  });
  const usedTerms = new Set<number>();
  const missing: number[] = [];
  first.pathways.forEach((_, pathIndex) => {
    const termIndex = first.terms.findIndex((_, j) => !usedTerms.has(j) && matches(pathIndex, j));
    if (termIndex >= 0) usedTerms.add(termIndex); else missing.push(pathIndex);
  });
  const there = perPoint[at] ?? first;
  const extra = first.terms.map((_, j) => j).filter((j) => !usedTerms.has(j));
  const pathText = (i: number) => labelOf(first.pathways[i].through, state);
  const termText = (j: number) => `${first.terms[j].sign === -1 ? '−' : ''}${labelOf(first.terms[j].node, state)}`;
  if (missing.length === 1 && extra.length === 1) {
    const [i] = missing;
    const [j] = extra;
    return `the term ${termText(j)} should be the path through ${pathText(i)}: there that path gives ${brief(there.pathways[i].value)}, your term ${brief(there.terms[j].value)}`;
  }
  // Nothing lines up: listing every pathway and every term would only repeat the formula.
  if (usedTerms.size === 0) return undefined;
  const parts = [
    ...missing.map((i) => `your formula lacks the path through ${pathText(i)} (${brief(there.pathways[i].value)} there)`),
    ...extra.map((j) => `the term ${termText(j)} matches no path (${brief(there.terms[j].value)} there)`),
  ];
  return parts.length > 0 ? parts.join('; ') : undefined;
}
