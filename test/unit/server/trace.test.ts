// The trace table's names over stdio: the lecture's numbering (inputs v_{1−n} … v_0, then v_1 … in
// evaluation order), unless the note numbers its nodes itself; written in Unicode (v₋₁, ln(v₋₁)).
import { strict as assert } from 'node:assert';
import { traceRequest, type TraceData } from '../../../server/protocol';
import { EXAMPLE } from './fixtures';
import { buildOnce, LspSession } from './lspSession';

describe('trace numbering (stdio)', function () {
  this.timeout(120_000);
  let s: LspSession;
  before(async () => { buildOnce(); s = await LspSession.start(); });
  after(async () => { await s?.stop(); });

  async function traceOf(uri: string, note: string): Promise<TraceData> {
    await s.open(uri, 'markdown', note);
    const t = await s.connection.sendRequest(traceRequest, { textDocument: { uri }, blockIndex: 0 });
    assert.ok(t && t.status === 'ok', JSON.stringify(t?.message));
    return t;
  }
  const table = (t: TraceData): Array<[string, string]> => t.rows.map((r) => [r.name, r.definition]);

  it("numbers the lecture's example as the lecture does: x₁ → v_{-1}, x₂ → v_0 first, then v_1 = ln(v_{-1}) …", async () => {
    // v_k follow the order the graph was evaluated in (ln x₁ + x₁x₂ before sin x₂), one of the lecture's orders.
    const t = await traceOf('file:///notes/trace-lecture.md', `<!-- autodiff: x_1 = 2, x_2 = 5 -->\n$$\n${EXAMPLE}\n$$\n`);
    assert.deepEqual(table(t), [
      ['v₋₁', 'x₁ = 2'], ['v₀', 'x₂ = 5'], ['v₁', 'ln(v₋₁)'], ['v₂', 'v₋₁ · v₀'],
      ['v₃', 'v₁ + v₂'], ['v₄', 'sin(v₀)'], ['y', 'v₃ − v₄'],
    ]);
    // The numbering renames rows only: the inputs the tangent is chosen from keep the note's names.
    assert.deepEqual(t.inputs, ['x_1', 'x_2']);
  });

  it('n inputs are v_{1−n} … v_0 in the order they are first used, listed before the operations', async () => {
    const t = await traceOf('file:///notes/trace-three.md', '<!-- autodiff: a = 1, b = 2, c = 3 -->\n$$ f = a b + c $$\n');
    assert.deepEqual(table(t), [['v₋₂', 'a = 1'], ['v₋₁', 'b = 2'], ['v₀', 'c = 3'], ['v₁', 'v₋₂ · v₋₁'], ['f', 'v₁ + v₀']]);
  });

  it("keeps the note's own v_k and the inputs' names when the note numbers its nodes", async () => {
    const note = '<!-- autodiff: x_1 = 2, x_2 = 5 -->\n$$\n\\begin{aligned}\nv_1 &= \\ln(x_1) \\\\\nv_2 &= v_1 \\cdot x_2\n\\end{aligned}\n$$\n';
    const t = await traceOf('file:///notes/trace-own.md', note);
    assert.deepEqual(table(t), [['x₁', 'x₁ = 2'], ['v₁', 'ln(x₁)'], ['x₂', 'x₂ = 5'], ['v₂', 'v₁ · x₂']]);
  });
});
