// Document text quoted in labels and messages is cut to a readable length: a flat 20,000-term sum
// would otherwise put its whole source into every node's label (quadratic in the answer's size).

/** Longest quote of document text in a label or message; longer ones keep their start and end around "…". */
export const MAX_QUOTE = 80;

export function shortText(text: string, max = MAX_QUOTE): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.75);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}
