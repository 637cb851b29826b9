// Removes from test/unit/analysis/notes-known-wrong.ts every block of the note corpus that the analysis
// now gets right (its test fails with "now matches PyTorch" until then). Run after a fix:
//     npx tsx test/corpus/prune-known-wrong.ts
// It only removes entries; a block that becomes wrong is a failing test, never added here silently.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote, disagreement, goldenKey, loadGoldens } from '../unit/analysis/notes-corpus';
import { KNOWN_WRONG } from '../unit/analysis/notes-known-wrong';

const LIST = join(__dirname, '..', 'unit', 'analysis', 'notes-known-wrong.ts');

const nowRight = new Set<string>();
for (const { note, blocks } of loadGoldens()) {
  const wrong = blocks.filter((g) => goldenKey(note, g) in KNOWN_WRONG);
  if (wrong.length === 0) continue;
  const analysed = analyzeNote(note);
  for (const g of wrong) if (disagreement(analysed, g) === null) nowRight.add(goldenKey(note, g));
}

// Entries are one per line, `  "key": "reason",` with the key as JSON.
const kept = readFileSync(LIST, 'utf8').split('\n').filter((line) => {
  const m = /^ {2}("(?:[^"\\]|\\.)*"):/.exec(line);
  return !(m && nowRight.has(JSON.parse(m[1]) as string));
});
writeFileSync(LIST, kept.join('\n'));
for (const key of nowRight) console.log(`now right: ${key}`);
console.log(`${nowRight.size} removed, ${Object.keys(KNOWN_WRONG).length - nowRight.size} still known wrong`);
