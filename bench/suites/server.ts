// Issue 4's speed targets: the built language server over stdio (`node dist/server.js --stdio`), driven
// by vscode-languageserver-protocol as an editor would, on the generated 5,000-line note with 500 blocks.
import { readFileSync } from 'node:fs';
import {
  CodeLensRequest, DidOpenTextDocumentNotification, HoverRequest, InlayHintRequest, PublishDiagnosticsNotification, type Position,
} from 'vscode-languageserver-protocol/node';
import { generateLectureNote } from '../fixtures/lectureNote';
import { percentile, startServer, stopServer, timed, verdict } from '../lsp-client';
import { formatMs } from '../measure';
import { Suite } from '../suite';

const TARGET_HOVER_P95_MS = 15;
const TARGET_VISIBLE_RANGE_MS = 30;
const TARGET_RSS_MB = 150;
const URI = 'file:///bench/lecture-5000.md';
const HOVERS = 400;
/** Lines an editor window shows at once. */
const VISIBLE_LINES = 60;

/** Positions inside the math of the note: on every name and function of each block's first math line. */
function hoverPositions(text: string, count: number): Position[] {
  const lines = text.split('\n');
  const all: Position[] = [];
  lines.forEach((line, lineNo) => {
    if (!/^(y_|u_|v_\d|\\ell|q_|f_|h = |loss_)/.test(line)) return;
    for (const m of line.matchAll(/\\?[A-Za-z]+/g)) all.push({ line: lineNo, character: m.index! + 1 });
  });
  // Spread the chosen positions over the whole note.
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

/** Resident memory of a process in MB (Linux /proc). */
function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  if (!line) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

export const suite: Suite = {
  section: 'analysis',
  order: 2,
  title: 'Language server over stdio on the 5,000-line note (lower is better)',
  async run() {
    const note = generateLectureNote(500, 5000);
    const session = await startServer();
    try {
      const { connection, child } = session;
      const published = new Promise<void>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
        if (p.uri === URI) resolve();
      }));
      const openMs = (await timed(async () => {
        await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: note.text } });
        await published;
      })).ms;

      const positions = hoverPositions(note.text, HOVERS);
      const hoverMs: number[] = [];
      let answered = 0;
      for (const position of positions) {
        const { ms, result } = await timed(() => connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position }));
        hoverMs.push(ms);
        if (result) answered++;
      }
      if (answered < positions.length / 2) throw new Error(`only ${answered} of ${positions.length} hovers had an answer`);

      // Visible windows spread over the note; CodeLens has no range in LSP, so it answers for the document.
      const lineCount = note.lineCount;
      const windows = Array.from({ length: 9 }, (_, k) => Math.floor(((lineCount - VISIBLE_LINES) * k) / 8));
      const inlayMs: number[] = [];
      const lensMs: number[] = [];
      let hints = 0;
      let lenses = 0;
      for (const first of windows) {
        const range = { start: { line: first, character: 0 }, end: { line: first + VISIBLE_LINES, character: 0 } };
        const inlay = await timed(() => connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: URI }, range }));
        inlayMs.push(inlay.ms);
        hints += inlay.result?.length ?? 0;
        const lens = await timed(() => connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: URI } }));
        lensMs.push(lens.ms);
        lenses = lens.result?.length ?? 0;
      }
      if (hints === 0 || lenses === 0) throw new Error(`the server sent ${hints} inlay hints and ${lenses} code lenses`);

      const rss = rssMb(child.pid!, 'VmRSS');
      const peak = rssMb(child.pid!, 'VmHWM');
      const hoverP95 = percentile(hoverMs, 0.95);
      const inlay = percentile(inlayMs, 0.5);
      const lens = percentile(lensMs, 0.5);
      return {
        columns: ['benchmark', 'result', 'target', 'verdict'],
        rows: [
          [`hover, p95 over ${positions.length} positions (median ${formatMs(percentile(hoverMs, 0.5))} ms)`, `${formatMs(hoverP95)} ms`, `≤ ${TARGET_HOVER_P95_MS} ms`, verdict(hoverP95, TARGET_HOVER_P95_MS)],
          [`inlay hints for a ${VISIBLE_LINES}-line visible range, median`, `${formatMs(inlay)} ms`, `≤ ${TARGET_VISIBLE_RANGE_MS} ms`, verdict(inlay, TARGET_VISIBLE_RANGE_MS)],
          [`CodeLens (whole document, ${lenses} lenses), median`, `${formatMs(lens)} ms`, `≤ ${TARGET_VISIBLE_RANGE_MS} ms`, verdict(lens, TARGET_VISIBLE_RANGE_MS)],
          ['server memory after these requests (VmRSS)', `${rss.toFixed(0)} MB`, `≤ ${TARGET_RSS_MB} MB`, verdict(rss, TARGET_RSS_MB)],
          ['server peak memory (VmHWM)', `${peak.toFixed(0)} MB`, '—', '—'],
          ['didOpen to first diagnostics (cold analysis in the server)', `${formatMs(openMs)} ms`, '—', '—'],
        ],
        notes: [
          'Client: vscode-languageserver-protocol over the stdio of `node dist/server.js --stdio`; times are request round trips. ' +
            `Inlay hints and CodeLens: median of ${windows.length} windows spread over the note.`,
          `Targets (issue 4): hover p95 ≤ ${TARGET_HOVER_P95_MS} ms — ${verdict(hoverP95, TARGET_HOVER_P95_MS)}; ` +
            `inlay hints ≤ ${TARGET_VISIBLE_RANGE_MS} ms — ${verdict(inlay, TARGET_VISIBLE_RANGE_MS)}; CodeLens ≤ ${TARGET_VISIBLE_RANGE_MS} ms — ${verdict(lens, TARGET_VISIBLE_RANGE_MS)}; ` +
            `memory ≤ ${TARGET_RSS_MB} MB — ${verdict(rss, TARGET_RSS_MB)}. Extension activation is measured in a real VS Code by bench/suites/activation.ts.`,
        ],
      };
    } finally {
      await stopServer(session);
    }
  },
};
