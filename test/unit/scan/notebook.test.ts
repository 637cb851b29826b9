// Jupyter notebooks (SPEC §1): reading nbformat 4 files, which cells hold math, the cells as one text.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotebookError, readIpynb } from '../../../server/scan/ipynb';
import { cachedCellScanner, cellBlocks, cellOfOffset, joinCells, type NotebookCellSource } from '../../../server/scan/notebook';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'notebooks');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function notebook(cells: unknown[], minor = 5, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: minor, metadata: {}, cells, ...extra });
}
const markdown = (source: unknown) => ({ cell_type: 'markdown', metadata: {}, source });

describe('notebook files (nbformat 4)', () => {
  for (const minor of [0, 1, 2, 3, 4, 5]) {
    it(`reads nbformat 4.${minor}`, () => {
      const cells = readIpynb(notebook([markdown('$x = 1$'), { cell_type: 'code', metadata: {}, outputs: [], source: 'x = 1' }], minor));
      assert.deepEqual(cells, [{ kind: 'markdown', text: '$x = 1$' }, { kind: 'code', language: undefined, text: 'x = 1' }]);
    });
  }

  it('joins a source list as written, CRLF kept', () => {
    const [cell] = readIpynb(notebook([markdown(['$$\r\n', 'y = 2\r\n', '$$'])]));
    assert.equal(cell.text, '$$\r\ny = 2\r\n$$');
  });

  it('ignores outputs and attachments, and takes a code cell language from VS Code or the kernel', () => {
    const cells = readIpynb(fixture('cross-cell.ipynb'));
    assert.deepEqual(cells.map((c) => [c.kind, c.language]), [
      ['markdown', undefined], ['code', 'python'], ['markdown', undefined], ['markdown', undefined], ['code', 'python'], ['code', 'autodiff'], ['raw', undefined],
    ]);
    assert.ok(cells.every((c) => !c.text.includes('z = 99')), 'an output is not source');
  });

  const malformed: Array<[string, string, RegExp]> = [
    ['bad JSON', '{"cells": [', /^not a notebook: invalid JSON/],
    ['bad JSON, at its line and column', '{"cells":\n []\n x}', /^not a notebook: invalid JSON \(line 3, col 2\)$/],
    ['not an object', '[1, 2]', /not an object/],
    ['missing cells', JSON.stringify({ nbformat: 4, metadata: {} }), /no "cells" list/],
    ['nbformat 3', JSON.stringify({ nbformat: 3, worksheets: [] }), /nbformat 3 .*only nbformat 4/],
    ['a cell that is not an object', notebook([42]), /^cell 0: not an object/],
    ['a source that is a number', notebook([markdown('ok'), markdown(7)]), /^cell 1: "source" is a number; it must be a string or a list of strings/],
    ['a source list with a non-string', notebook([markdown(['a', null])]), /^cell 0: "source" line 1 is null, not a string/],
    ['no source', notebook([{ cell_type: 'markdown', metadata: {} }]), /^cell 0: no "source"/],
    ['an unknown cell type', notebook([{ cell_type: 'heading', source: '' }]), /^cell 0: unknown cell_type "heading"/],
  ];
  for (const [what, json, message] of malformed) {
    it(`says what is wrong: ${what}`, () => {
      assert.throws(() => readIpynb(json), (e: unknown) => e instanceof NotebookError && message.test(e.message));
    });
  }
});

describe('which cells hold math', () => {
  it('Markdown cells as Markdown, environments included', () => {
    const blocks = cellBlocks({ kind: 'markdown', text: 'Let $a = 1$.\n\\begin{equation*}b = a\\end{equation*}' });
    assert.deepEqual(blocks.map((b) => [b.kind, b.text]), [['inline', 'a = 1'], ['environment', 'b = a']]);
  });

  it('code cells are not math, except language autodiff or a first line %%autodiff', () => {
    assert.deepEqual(cellBlocks({ kind: 'code', language: 'python', text: 'print("$x$")\n$$y$$' }), []);
    assert.deepEqual(cellBlocks({ kind: 'raw', text: '$$y = 1$$' }), []);
    const [whole] = cellBlocks({ kind: 'code', language: 'autodiff', text: 'y = 2' });
    assert.deepEqual([whole.syntax, whole.text], ['autodiff', 'y = 2']);
    const [magic] = cellBlocks({ kind: 'code', language: 'python', text: '%%autodiff\r\nv = 3\nw = v' });
    assert.deepEqual([magic.syntax, magic.text, magic.content.start], ['autodiff', 'v = 3\nw = v', 12]);
    assert.deepEqual(cellBlocks({ kind: 'code', language: 'python', text: 'x = 1\n%%autodiff' }), []);
  });
});

describe('the cells as one text', () => {
  const cells: NotebookCellSource[] = [
    { kind: 'markdown', text: 'a $x = 1$' },
    { kind: 'code', language: 'python', text: 'print(1)' },
    { kind: 'markdown', text: '$$\ny = x\n$$' },
  ];

  it('lays the cells end to end with spans into the joined text and each block\'s cell', () => {
    const nb = joinCells(cells);
    assert.equal(nb.text, 'a $x = 1$\nprint(1)\n$$\ny = x\n$$');
    assert.deepEqual(nb.cellStarts, [0, 10, 19]);
    assert.deepEqual(nb.blocks.map((b) => [b.index, nb.text.slice(b.content.start, b.content.end)]), [[0, 'x = 1'], [1, '\ny = x\n']]);
    assert.deepEqual(nb.blockCells, [0, 2]);
    assert.deepEqual([0, 9, 10, 18, 19, 30].map((o) => cellOfOffset(nb, o)), [0, 0, 1, 1, 2, 2]);
  });

  it('an unclosed $$ in one cell does not swallow the next', () => {
    const nb = joinCells([{ kind: 'markdown', text: '$$ a = 1' }, { kind: 'markdown', text: '$$b = 2$$' }]);
    assert.deepEqual(nb.blocks.map((b) => b.text), ['b = 2']);
  });

  it('the cached scanner scans only cells it has not seen', () => {
    const scan = cachedCellScanner();
    const first = scan(cells);
    const second = scan([cells[0], cells[1], { kind: 'markdown', text: '$$z = 3$$' }]);
    assert.deepEqual(second.blocks.map((b) => b.text), ['x = 1', 'z = 3']);
    assert.equal(second.blocks[0].text, first.blocks[0].text);
  });
});
