// The evaluation trace page: the lecture's tables for one block. Each row is a node of the trace with its
// definition, value, tangent v̇ (forward mode, for the input chosen in the select) and adjoint v̄ (reverse mode).
import type { TraceData } from '../../server/protocol';
import type { FromTracePage, PanelRef, ToTracePage } from './messages';
import { html } from './dom';
import { vscodeApi } from './vscodeApi';

/** Kept in the webview state so the panel serializer knows which block to restore. */
interface TracePageState { ref: PanelRef }

const vscode = vscodeApi<TracePageState>();
const post = (message: FromTracePage): void => vscode.postMessage(message);

const title = html('span', { class: 'title' }, 'Evaluation trace');
const inputSelect = html('select', { 'data-action': 'tangent-input', title: 'The input whose tangent ẋ = 1 forward mode propagates' });
inputSelect.addEventListener('change', () => post({ type: 'tangentInput', name: inputSelect.value }));
const inputLabel = html('label', { class: 'toggle' }, 'Tangent for ');
inputLabel.append(inputSelect);
const toolbar = html('header', { class: 'toolbar' });
toolbar.append(title, inputLabel);
const message = html('div', { class: 'message', role: 'status' }, 'Waiting for the analysis…');
const passes = html('p', { class: 'passes' });
const table = html('table', { class: 'trace-table' });
const main = html('main', { class: 'trace' });
main.append(passes, table);
document.getElementById('app')!.append(toolbar, message, main);

window.addEventListener('message', (event: MessageEvent<ToTracePage>) => {
  const msg = event.data;
  if (msg.type === 'trace') showTrace(msg.data);
  else if (msg.type === 'error') showMessage(msg.message);
  else if (msg.type === 'blockDeleted') clearDeletedBlock(msg.message);
});
post({ type: 'ready' });

function showTrace(data: TraceData): void {
  vscode.setState({ ref: { uri: data.uri, blockIndex: data.blockIndex, pinned: false } });
  title.textContent = data.title;
  title.title = data.title;
  showMessage(data.status === 'ok' ? null : data.message ?? 'This block has no evaluation trace.');
  inputSelect.replaceChildren(...data.inputs.map((name) => html('option', { value: name }, name)));
  inputSelect.value = data.tangentInput ?? data.inputs[0] ?? '';
  inputSelect.disabled = data.inputs.length < 2;
  passes.textContent = data.rows.length === 0 ? '' : passCountLine(data);
  renderTable(data);
}

/** The block is gone: its tables go too. */
function clearDeletedBlock(text: string): void {
  const ref = vscode.getState()?.ref;
  if (ref) vscode.setState({ ref: { ...ref, blockDeleted: true } });
  title.textContent = 'Evaluation trace';
  title.title = '';
  inputSelect.replaceChildren();
  inputSelect.disabled = true;
  passes.textContent = '';
  table.replaceChildren();
  showMessage(text);
}

/** The lecture's comparison, with this block's numbers. */
function passCountLine(data: TraceData): string {
  const forward = `${data.forwardPasses} ${data.forwardPasses === 1 ? 'pass' : 'passes'}`;
  const reverse = `${data.reversePasses} ${data.reversePasses === 1 ? 'pass' : 'passes'}`;
  return `Forward mode needs ${forward} (one per scalar input); reverse mode needs ${reverse} for the whole gradient.`;
}

function renderTable(data: TraceData): void {
  table.replaceChildren();
  if (data.rows.length === 0) return;
  const tangentName = data.tangentInput ?? data.inputs[0] ?? 'x';
  const head = html('tr');
  for (const [text, tooltip] of [
    ['node', ''], ['definition', ''], ['value', 'forward primal trace'],
    data.tangentDirectional
      ? [`tangent v̇ (along ${tangentName}, direction 𝟙)`, `forward tangent trace, directional: seeded with ${tangentName}̇ = all ones`]
      : [`tangent v̇ (∂/∂${tangentName})`, `forward tangent trace, seeded with ${tangentName}̇ = 1`],
    ['adjoint v̄', 'reverse adjoint trace, seeded with ȳ = 1'],
  ]) head.append(html('th', tooltip ? { title: tooltip } : {}, text));
  const body = html('tbody');
  for (const row of data.rows) {
    const tr = html('tr', { 'data-node-id': String(row.nodeId) });
    tr.append(
      html('td', { class: 'name' }, row.name), html('td', { class: 'definition' }, row.definition), html('td', { class: 'number' }, row.valueText),
      html('td', { class: 'number tangent' }, row.tangentText), html('td', { class: 'number adjoint' }, row.adjointText),
    );
    const range = row.range;
    if (range) {
      tr.classList.add('revealable');
      tr.title = 'Select this node in the editor';
      tr.addEventListener('click', () => post({ type: 'reveal', range }));
    }
    body.append(tr);
  }
  const thead = html('thead');
  thead.append(head);
  table.append(thead, body);
}

function showMessage(text: string | null): void {
  message.textContent = text ?? '';
  message.hidden = text === null;
}
