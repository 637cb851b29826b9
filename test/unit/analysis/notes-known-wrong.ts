// Blocks of the multi-block note corpus (notes-corpus.test.ts) that today's analysis still gets
// wrong, keyed `note › fragment`, with the case of issue 11 (or the SPEC section) that explains it.
// Each is asserted to be still wrong, so a fix shows up as a failing test until its entry is removed
// here: `npx tsx test/corpus/prune-known-wrong.ts` removes every entry that is now right.
export const KNOWN_WRONG: Record<string, string> = {
  "37-elastic-net.md › \\nabla_w P = \\alpha": "SPEC 2: \\|w\\|_1 is not evaluable",
};
