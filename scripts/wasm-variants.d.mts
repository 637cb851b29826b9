// Types of scripts/wasm-variants.mjs (plain JS, run by node at build time) for the TypeScript tests.
export type KernelVariant = 'relaxed-simd' | 'simd';
export const VARIANTS: readonly KernelVariant[];
export function withoutRelaxedSimd(text: string, name?: string): string;
export function assembleVariant(wabt: unknown, name: string, text: string, variant: KernelVariant): Uint8Array;
