// Plain-Markdown helpers: document text shown verbatim, never interpreted as Markdown or HTML.

/** An inline code span that survives backticks inside the text. */
export function code(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  let longest = 0;   // a loop, not Math.max(...runs): a backtick flood would overflow the argument list
  for (const run of flat.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Prose that may quote document text (a block's message): every Markdown and HTML punctuation mark
 * backslash-escaped, so `![](https://…)` stays text and never becomes a live image or link.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~&"']/g, (c) => `\\${c}`);
}

/** 1-based line of an offset, for messages read by people. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
