// Blocks of the multi-block note corpus (notes-corpus.test.ts) that today's analysis still gets
// wrong, keyed `note › fragment`, with the case of issue 11 (or the SPEC section) that explains it.
// Each is asserted to be still wrong, so a fix shows up as a failing test until its entry is removed
// here: `npx tsx test/corpus/prune-known-wrong.ts` removes every entry that is now right.
export const KNOWN_WRONG: Record<string, string> = {
  "25-gaussian-nll.md › \\sigma^2 = s^2": "SPEC 2: \\sigma^2 as a left side is a name",
  "25-gaussian-nll.md › L = \\frac{1}{2} \\ln": "SPEC 2: \\sigma^2 as a left side is a name",
  "25-gaussian-nll.md › \\frac{\\partial L}{\\partial \\mu} =": "SPEC 2: \\sigma^2 as a left side is a name",
  "37-elastic-net.md › P = \\alpha \\|w\\|_1": "SPEC 2: \\|w\\|_1 is not evaluable",
  "37-elastic-net.md › \\nabla_w P = \\alpha": "SPEC 2: \\|w\\|_1 is not evaluable",
  "53-where-semicolon.md › m = p^2 \\quad \\text{and}": "case 3: where-clause",
};
