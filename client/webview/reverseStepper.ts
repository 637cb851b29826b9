// Steps through the reverse AD algorithm the server recorded (GraphData.steps): the node processed at each
// step and the node_to_grad table after it, replayed from what each step added. Step −1 is the state
// before the reverse pass starts.
import type { GraphData } from '../../server/protocol';
import { button, html } from './dom';
import { displayName } from './graphModel';

const PLAY_INTERVAL_MS = 900;

export class ReverseStepper {
  readonly toolbar: HTMLElement;
  readonly panel: HTMLElement;
  private data: GraphData | null = null;
  private step = -1;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly counter = html('span', { class: 'step-counter' });
  private readonly playButton: HTMLButtonElement;
  private readonly backButton: HTMLButtonElement;
  private readonly forwardButton: HTMLButtonElement;

  /** onStep receives the node processed now and the nodes processed before it. */
  constructor(private readonly onStep: (current: number | null, done: ReadonlySet<number>) => void) {
    this.backButton = button('◀ Back', 'Previous step of the reverse pass', () => this.go(this.step - 1), { 'data-action': 'step-back' });
    this.playButton = button('▶ Play', 'Play the reverse pass', () => this.togglePlay(), { 'data-action': 'step-play' });
    this.forwardButton = button('Forward ▶', 'Next step of the reverse pass', () => this.go(this.step + 1), { 'data-action': 'step-forward' });
    this.toolbar = html('span', { class: 'stepper' });
    this.toolbar.append(this.backButton, this.playButton, this.forwardButton, this.counter);
    this.panel = html('section', { class: 'node-to-grad', 'aria-live': 'polite' });
  }

  /** New data: keep the step when the same block was re-analysed (clamped), otherwise start over. */
  setData(data: GraphData, sameBlock: boolean): void {
    this.data = data;
    this.go(sameBlock ? Math.min(this.step, data.steps.length - 1) : -1);
  }

  get currentStep(): number { return this.step; }

  go(step: number): void {
    const steps = this.data?.steps ?? [];
    this.step = Math.max(-1, Math.min(step, steps.length - 1));
    if (this.step === steps.length - 1) this.stopPlaying();
    this.backButton.disabled = this.step < 0;
    this.forwardButton.disabled = this.step >= steps.length - 1;
    this.playButton.disabled = steps.length === 0;
    this.counter.textContent = `step ${this.step + 1} / ${steps.length}`;
    const done = new Set(steps.slice(0, Math.max(this.step, 0)).map((s) => s.nodeId));
    this.onStep(this.step >= 0 ? steps[this.step].nodeId : null, done);
    this.renderPanel();
  }

  private togglePlay(): void {
    if (this.timer !== null) { this.stopPlaying(); return; }
    const steps = this.data?.steps ?? [];
    if (this.step >= steps.length - 1) this.go(-1);
    this.timer = setInterval(() => this.go(this.step + 1), PLAY_INTERVAL_MS);
    this.playButton.textContent = '⏸ Pause';
    this.playButton.title = 'Pause the reverse pass';
  }

  private stopPlaying(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.playButton.textContent = '▶ Play';
    this.playButton.title = 'Play the reverse pass';
  }

  private renderPanel(): void {
    const data = this.data;
    this.panel.replaceChildren();
    if (!data) return;
    const names = new Map([...data.nodes, ...data.extended.nodes].map((n) => [n.id, displayName(n)]));
    this.panel.append(html('h2', {}, 'Reverse pass'));
    if (this.step < 0) {
      const output = data.outputId === null ? 'the output' : names.get(data.outputId) ?? 'the output';
      this.panel.append(html('p', { class: 'step-caption' }, `Not started. The reverse pass seeds v̄ = 1 at ${output} and visits the nodes in reverse topological order.`));
      return;
    }
    const step = data.steps[this.step];
    this.panel.append(html('p', { class: 'step-caption' }, `Processing ${names.get(step.nodeId) ?? step.nodeId}: v̄ = ${step.adjointText}`));
    const table = html('table', { class: 'node-to-grad-table' });
    const head = html('tr');
    head.append(html('th', {}, 'node'), html('th', {}, 'partial adjoints'));
    table.append(html('thead'), html('tbody'));
    table.tHead!.append(head);
    for (const [nodeId, partials] of nodeToGradAfter(data.steps, this.step)) {
      const row = html('tr', { 'data-node-id': String(nodeId) });
      if (nodeId === step.nodeId) row.classList.add('current');
      row.append(html('td', {}, names.get(nodeId) ?? String(nodeId)), html('td', {}, partials.join(', ')));
      table.tBodies[0].append(row);
    }
    this.panel.append(html('h3', {}, 'node_to_grad'), table);
  }
}

/** node_to_grad after step `k`: every partial adjoint steps 0..k added, per node, in the order they came. */
function nodeToGradAfter(steps: GraphData['steps'], k: number): Map<number, string[]> {
  const table = new Map<number, string[]>();
  for (let i = 0; i <= k; i++) {
    for (const { nodeId, partialText } of steps[i].added) {
      const partials = table.get(nodeId);
      if (partials) partials.push(partialText); else table.set(nodeId, [partialText]);
    }
  }
  return table;
}
