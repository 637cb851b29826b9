// A notebook's cells analysed as one note (DocumentAnalyzer.analyzeBlocks on joined cells):
// bindings cross cells in cell order, and an edit re-evaluates only what it touches.
import * as assert from 'node:assert/strict';
import { DocumentAnalyzer } from '../../../server/analysis';
import { cachedCellScanner, type NotebookCellSource } from '../../../server/scan/notebook';

const md = (text: string): NotebookCellSource => ({ kind: 'markdown', text });
const URI = 'file:///nb.ipynb';

function analyse(analyzer: DocumentAnalyzer, scan: ReturnType<typeof cachedCellScanner>, cells: NotebookCellSource[]) {
  const joined = scan(cells);
  return analyzer.analyzeBlocks(URI, joined.text, joined.blocks);
}

describe('notebook cells as one note', () => {
  it('a definition in an earlier cell feeds a later one; in a later cell it does not', () => {
    const analyzer = new DocumentAnalyzer();
    const scan = cachedCellScanner();
    const [, y] = analyse(analyzer, scan, [md('$a = 3$'), md('$$y = a^2$$')]);
    assert.equal(y.value, 9);
    assert.deepEqual(y.inputs.map((b) => [b.name, b.source]), [['a', 'earlier-block']]);
    const [z] = analyse(analyzer, scan, [md('$$y = a^2$$'), md('$a = 3$')]);
    assert.deepEqual(z.inputs.map((b) => [b.name, b.source]), [['a', 'sampled']]);
  });

  it('gives exactly what the same cells give as blocks of one Markdown file (values, gradients, samples)', () => {
    const cells = [
      md('<!-- autodiff: w = 2 -->\n$$z = w x$$'), { kind: 'code', language: 'python', text: 'import torch' } as NotebookCellSource,
      md('$$\\ell = z^2 + \\sin(q)$$'), md('$$\\frac{\\partial \\ell}{\\partial z} = 2 z$$'),
    ];
    const summary = (blocks: ReturnType<DocumentAnalyzer['analyze']>) =>
      blocks.map((a) => [a.status, a.value, a.gradient, a.inputs.map((b) => [b.name, b.source, b.value.toNested()]), a.claims.map((c) => c.holds)]);
    const notebook = analyse(new DocumentAnalyzer(), cachedCellScanner(), cells);
    const markdown = new DocumentAnalyzer().analyze(URI, cells.filter((c) => c.kind === 'markdown').map((c) => c.text).join('\n\n'), 'markdown');
    assert.equal(notebook.length, 3);
    assert.deepEqual(summary(notebook), summary(markdown));
    assert.deepEqual(notebook[2].claims.map((c) => c.holds), [true]);
  });

  it('editing one cell of 100 re-evaluates that cell and the cells that read what it defines', () => {
    const analyzer = new DocumentAnalyzer();
    const scan = cachedCellScanner();
    const cells = Array.from({ length: 100 }, (_, k) => md(`Cell ${k}: $$v_{${k}} = ${k} + 1$$`));
    cells[60] = md('$$u = v_{10} \\cdot 2$$');
    analyse(analyzer, scan, cells);
    assert.equal(analyzer.stats.recomputed, 100);
    cells[10] = md('Cell 10, edited: $$v_{10} = 7$$');
    const after = analyse(analyzer, scan, cells);
    assert.deepEqual([analyzer.stats.recomputed, analyzer.stats.reused], [2, 98]);
    assert.equal(after[60].value, 14);
  });

  it('deleting and moving cells updates every later cell', () => {
    const analyzer = new DocumentAnalyzer();
    const scan = cachedCellScanner();
    const def = md('$b = 5$');
    const use = md('$$c = b + 1$$');
    const other = md('$$d = 2$$');
    assert.equal(analyse(analyzer, scan, [def, other, use])[2].value, 6);
    const deleted = analyse(analyzer, scan, [other, use]);
    assert.equal(deleted[1].inputs[0].source, 'sampled');
    const moved = analyse(analyzer, scan, [use, other, def]);
    assert.equal(moved[0].inputs[0].source, 'sampled');
    const back = analyse(analyzer, scan, [def, use, other]);
    assert.equal(back[1].value, 6);
  });
});
