// One note's background worker (a document or a notebook), seen from the main thread: it is sent each
// version whose main-thread analysis deferred blocks, and asked the requests about those blocks. A new version
// while it is still analysing an older one stops it (terminate, then a fresh worker): that work
// is obsolete, and a synchronous analysis cannot be interrupted any other way.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver';
import type { Settings } from '../../analysis';
import type { CheckParams, CheckResult } from '../../protocol';
import type { CheckProgress } from '../checkGradient';
import type { FeatureName } from '../features';
import type { ContextData, FromWorker, NoteSource, ToWorker, WorkerData } from './messages';

/**
 * The worker's JavaScript heap: a block that needs more is stopped there, and the server keeps running.
 * Test hook (stdio tests only): ADJOINT_TEST_WORKER_HEAP_MB sets a small one, so an ordinary block runs out.
 */
const HEAP_MB = Number(process.env.ADJOINT_TEST_WORKER_HEAP_MB) || 2048;

export interface WorkerEvents {
  analyzed(version: number, diagnostics: Record<string, Diagnostic[]>): void;
  /** The worker died with `version` (out of memory, a crash): its blocks cannot be evaluated. */
  failed(version: number, message: string): void;
}

interface Waiting { resolve(result: unknown): void; progress?: CheckProgress }

export class NoteWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  /** The latest version sent, and whether its analysis is done. */
  private sent: { version: number; done: boolean } | undefined;

  constructor(private readonly settings: Settings, private readonly events: WorkerEvents, private readonly log: (message: string) => void) {}

  analyze(uri: string, version: number, source: NoteSource, deferred: number[]): void {
    if (this.sent && !this.sent.done) this.stop();
    this.sent = { version, done: false };
    this.post({ kind: 'analyze', uri, version, source, deferred });
  }

  ready(version: number): boolean {
    return this.sent?.version === version && this.sent.done;
  }

  /** The feature's answer from the worker's analysis of `version`, as `view` sees it; undefined if that version is gone. */
  feature(version: number, view: string, feature: FeatureName, params: unknown, context: ContextData, only?: number[]): Promise<unknown> {
    return this.ask((id) => ({ kind: 'feature', id, version, view, feature, params, context, only }));
  }

  check(version: number, view: string, params: CheckParams, progress: CheckProgress, signal: { readonly cancelled: boolean }): Promise<CheckResult | undefined> {
    let id = 0;
    const poll = setInterval(() => {
      if (!signal.cancelled) return;
      clearInterval(poll);
      this.worker?.postMessage({ kind: 'cancel', id } satisfies ToWorker);
    }, 50);
    const answer = this.ask((i) => { id = i; return { kind: 'check', id, version, view, params }; }, progress);
    return answer.finally(() => clearInterval(poll)) as Promise<CheckResult | undefined>;
  }

  dispose(): void {
    this.stop();
    this.sent = undefined;
  }

  private ask(message: (id: number) => ToWorker, progress?: CheckProgress): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve, progress });
      this.post(message(id));
    });
  }

  private post(message: ToWorker): void {
    (this.worker ??= this.start()).postMessage(message);
  }

  private start(): Worker {
    const data: WorkerData = { settings: this.settings };
    const worker = new Worker(path.join(__dirname, 'analysisWorker.js'), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    worker.on('message', (m: FromWorker) => this.receive(m));
    worker.on('error', (e: Error & { code?: string }) => this.died(worker, e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it needs more than ${HEAP_MB} MB of memory` : e.message));
    worker.on('exit', (code) => this.died(worker, `it stopped with exit code ${code}`));
    return worker;
  }

  private receive(m: FromWorker): void {
    switch (m.kind) {
      case 'analyzed':
        if (this.sent?.version !== m.version) return;
        this.sent.done = true;
        this.events.analyzed(m.version, m.diagnostics);
        return;
      case 'answer': {
        if (m.error) this.log(`adjoint: background request failed: ${m.error}`);
        this.waiting.get(m.id)?.resolve(m.error ? undefined : m.result);
        this.waiting.delete(m.id);
        return;
      }
      case 'progress':
        this.waiting.get(m.id)?.progress?.(m.done, m.total);
        return;
    }
  }

  /** Stops the worker on purpose: the requests it owed get no answer from it. */
  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.settle();
    if (worker) void worker.terminate();
  }

  /** Whatever the worker was doing, its blocks cannot be answered for: they fail first, so the requests it
   *  owed find them failed and are answered by the main thread. */
  private died(worker: Worker, reason: string): void {
    if (worker !== this.worker) return; // stopped on purpose
    this.worker = undefined;
    if (this.sent) this.events.failed(this.sent.version, `the background analysis stopped: ${reason}`);
    this.sent = undefined;
    this.settle();
  }

  private settle(): void {
    for (const w of this.waiting.values()) w.resolve(undefined);
    this.waiting.clear();
  }
}
