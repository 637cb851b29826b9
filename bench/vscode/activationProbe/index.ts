// Runs inside a fresh VS Code extension host (loaded as `extensionTestsPath` by the activation
// benchmark, bench/suites/activation.ts): activates Adjoint, then polls a hover until the language
// server answers, and writes both times to $ADJOINT_BENCH_RESULT_FILE. $ADJOINT_BENCH_SETTLE_MS: how
// long to wait first (the probe starts while the workbench is still loading and built-in extensions
// still activate, all on the same cores; waiting measures Adjoint's own cost, 0 measures a start-up).
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, hoverAt, hoverText, openFixture, positionOf } from '../../../test/vscode/suite/helpers';

export interface ActivationSample {
  /** `await extension.activate()`: loading dist/client.js and running its activate(), as VS Code times it. */
  activateMs: number;
  /** From the start of activation until a hover on the bound example is answered by the language server. */
  firstAnswerMs: number;
}

const POLL_MS = 5;
const ANSWER_TIMEOUT_MS = 60_000;

export async function run(): Promise<void> {
  const resultFile = process.env.ADJOINT_BENCH_RESULT_FILE;
  if (!resultFile) throw new Error('ADJOINT_BENCH_RESULT_FILE is not set (the benchmark passes it)');
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  await new Promise((r) => setTimeout(r, Number(process.env.ADJOINT_BENCH_SETTLE_MS ?? 0)));
  // A measurement only counts when this probe causes the activation.
  if (extension.isActive) throw new Error(`${EXTENSION_ID} was already active before the probe ran`);
  const started = performance.now();
  await extension.activate();
  const activateMs = performance.now() - started;

  // Opening the document is part of what a user waits for; the hover provider appears once the server has initialised.
  const doc = await openFixture('bound-example.md');
  const at = positionOf(doc, '\\ln', 1);
  while ((hoverText(await hoverAt(doc, at))).length === 0) {
    if (performance.now() - started > ANSWER_TIMEOUT_MS) throw new Error(`no hover answer within ${ANSWER_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const sample: ActivationSample = { activateMs, firstAnswerMs: performance.now() - started };
  writeFileSync(resultFile, JSON.stringify(sample));
}
