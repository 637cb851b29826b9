// Parameters a function body reads only as indices: `\ell(z, y) = \log\sum_i \exp z_i - z_y` takes the
// class index y. Such a parameter is an integer (SPEC §3): unbound, it is sampled as an index into
// what it indexes (1..length), never as a real; a free name passed for it is read the same way.
import type { Expr } from '../parse/ast';
import { walk } from './ast-walk';

export function indexOnlyParams(params: readonly string[], body: Expr): Set<string> {
  const inSubscripts = new Set<string>();
  const asNumbers = new Set<string>();
  walk([body], (e) => {
    if (e.kind !== 'name') return;
    if (!e.subscript) { asNumbers.add(e.name); return; }
    // `z_y`: y is an index of z. Names inside the subscript are indices; the walk does not descend.
    walk(e.subscript, (s) => { if (s.kind === 'name' && !s.subscript) inSubscripts.add(s.name); });
    return false;
  });
  return new Set(params.filter((p) => inSubscripts.has(p) && !asNumbers.has(p)));
}
