// Parsing is linear in the text: the parser's work, counted as reads of the token array, grows in
// proportion to the input. Doubling the input must not quadruple the count (it did: a letter run was
// rescanned at every letter looking for a function name typed without a backslash).
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LatexParser } from '../../../server/parse/latex/parser';
import { parseStatements } from '../../../server/parse/latex/statements';
import { tokenizeLatex, type LatexToken } from '../../../server/parse/latex/tokens';

/** Token reads while parsing `text` (the array wrapped in a counting proxy). */
function parseWork(text: string): number {
  const { tokens, unbalanced } = tokenizeLatex(text, 0);
  assert.equal(unbalanced, undefined, `test input is unbalanced: ${text.slice(0, 80)}`);
  let reads = 0;
  const counted = new Proxy(tokens, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) reads++;
      return Reflect.get(target, key, receiver);
    },
  }) as LatexToken[];
  parseStatements(new LatexParser(counted, text, 0));
  return reads;
}

/** Shapes of input the abuse run used, each grown from a random piece. */
const growing: Array<[string, fc.Arbitrary<(n: number) => string>]> = [
  ['letter runs', fc.stringMatching(/^[a-z]{1,3}$/).map((piece) => (n: number) => `y = ${piece.repeat(n)}`)],
  ['flat sums', fc.constantFrom('x', 'x_1', '2', '\\alpha').map((term) => (n: number) => `y = ${Array(n).fill(term).join(' + ')}`)],
  ['implicit products', fc.constantFrom('x', 'ab', '\\beta').map((term) => (n: number) => `y = ${Array(n).fill(term).join(' ')}`)],
  ['function words in runs', fc.constantFrom('relu', 'softmax', 'xsin').map((w) => (n: number) => `y = ${w.repeat(n)}(x)`)],
];

describe('hardening: LaTeX parsing is linear in the text', function () {
  this.timeout(60_000);
  for (const [what, arb] of growing) {
    it(`${what}: doubling the input at most doubles the parser's token reads (plus slack), never quadruples`, () => {
      fc.assert(fc.property(arb, fc.integer({ min: 300, max: 600 }), (make, n) => {
        const small = parseWork(make(n));
        const large = parseWork(make(2 * n));
        assert.ok(large <= 2.5 * small, `${what}: ${small} reads at n = ${n}, ${large} at 2n`);
      }), { numRuns: 3, seed: 17 });
    });
  }
});
