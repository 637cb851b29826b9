// YAML (`---`) and TOML (`+++`) front matter at the very top of a Markdown file is not math.
import { lineEndAt, nextLineStart } from './text';

function lineIs(text: string, start: number, end: number, marker: string): boolean {
  return text.slice(start, end).trimEnd() === marker;
}

/** Offset where the body starts: past the closing front-matter line, or 0 without front matter. */
export function frontMatterEnd(text: string): number {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = lineEndAt(text, start);
  const opener = text.slice(start, firstEnd).trimEnd();
  if (opener !== '---' && opener !== '+++') return 0;
  const closers = opener === '---' ? ['---', '...'] : ['+++'];
  for (let pos = nextLineStart(text, firstEnd); pos < text.length; ) {
    const end = lineEndAt(text, pos);
    if (closers.some((c) => lineIs(text, pos, end, c))) return nextLineStart(text, end);
    pos = nextLineStart(text, end);
  }
  return 0;   // never closed: a thematic break, not front matter
}
