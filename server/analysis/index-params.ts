// Parameters a function body reads only as indices: `\ell(z, y) = \log\sum_i \exp z_i - z_y` takes the
// class index y. Such a parameter is an integer (SPEC §3): it is sampled as an index into what it
// indexes (1..length), never as a real, unless the block's annotation binds it; a free name passed
// for it at a call is read the same way, where the body indexes with it.
import type { Expr } from '../parse/ast';
import { walk } from './ast-walk';

export function indexOnlyParams(params: readonly string[], body: Expr): Set<string> {
  const inSubscripts = new Set<string>();
  const asNumbers = new Set<string>();
  walk([body], (e) => {
    if (e.kind !== 'name') return;
    if (!e.subscript) { asNumbers.add(e.name); return; }
    // `z_y`, `W_{y,j}`: y is an index of z. A name inside an index expression (`z_{y+1}`) is computed
    // with as a number: it keeps the ordinary rule. The walk does not descend further.
    for (const s of e.subscript) {
      if (s.kind === 'name' && !s.subscript) inSubscripts.add(s.name);
      else walk([s], (x) => { if (x.kind === 'name' && !x.subscript) asNumbers.add(x.name); });
    }
    return false;
  });
  return new Set(params.filter((p) => inSubscripts.has(p) && !asNumbers.has(p)));
}
