// Property tests run a fixed seed in CI so a run is repeatable; ADJOINT_FUZZ_SEED=<n> explores
// other seeds by hand (fast-check prints the seed and path of any failure it finds).
export function fuzzSeed(fixed: number): number {
  const chosen = process.env.ADJOINT_FUZZ_SEED;
  return chosen === undefined ? fixed : Number(chosen);
}
