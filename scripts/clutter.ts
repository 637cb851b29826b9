// Clutter on prose, measured: CodeLens rows and inlay hints per 100 lines of each note given.
//   npx tsx scripts/clutter.ts path/to/note.md …
// A lens row is a line with at least one CodeLens (VS Code draws the lenses of one line as one row).
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings } from '../server/analysis';
import { AnalysisStore, languageIdOf } from '../server/lsp/analysisStore';
import { CheckResults } from '../server/lsp/checkResults';
import { codeLenses } from '../server/lsp/codeLens';
import { inlayHints } from '../server/lsp/inlayHints';

const per100 = (n: number, lines: number) => ((100 * n) / lines).toFixed(1);

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const document = TextDocument.create(`file://${file}`, 'markdown', 1, text);
  const store = new AnalysisStore(defaultSettings, () => undefined);
  const analyzed = store.get(document);
  const lensRows = new Set(codeLenses(analyzed, new CheckResults()).map((l) => l.range.start.line)).size;
  const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  const hints = inlayHints(analyzed, whole, { values: true, adjoints: false });
  const sampled = hints.filter((h) => String(h.label).includes('sampled')).length;
  const lines = document.lineCount;
  console.log(`${file} (${languageIdOf(document)}, ${lines} lines): ${lensRows} lens rows (${per100(lensRows, lines)}/100 lines), `
    + `${hints.length} inlay hints (${per100(hints.length, lines)}/100 lines; ${sampled} say sampled)`);
}
