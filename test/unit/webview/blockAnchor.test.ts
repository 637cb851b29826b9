// The anchor that keeps a pinned panel on its block: its text and offset are carried through text changes
// as VS Code reports them. Each case edits a note's text and checks that the anchor names exactly the
// block's (edited) text in the edited document, so the expectations come from the text, not from the rules.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { anchorRange, mapAnchor, matchBlock, type BlockAnchor, type LiveAnchor, type OffsetRange, type TextChange } from '../../../client/panels/blockAnchor';
import { fuzzSeed } from '../fuzz/seed';

const NOTE = [
  '# Two blocks',
  '',
  '$$',
  'u = x_1 \\cdot x_2',
  '$$',
  '',
  'Some prose.',
  '',
  '$$',
  'w = \\ln(x_1) + x_2',
  '$$',
  '',
  'The end.',
  '',
].join('\n');
const PINNED = '$$\nw = \\ln(x_1) + x_2\n$$';

/** Applies changes one after the other, each in the offsets the previous ones left (VS Code's order). */
function applyChanges(text: string, changes: readonly TextChange[]): string {
  return changes.reduce((t, c) => t.slice(0, c.rangeOffset) + c.text + t.slice(c.rangeOffset + c.rangeLength), text);
}

function rangeOf(text: string, needle: string): OffsetRange {
  const start = text.indexOf(needle);
  assert.ok(start >= 0 && text.indexOf(needle, start + 1) < 0, `exactly one ${JSON.stringify(needle)}`);
  return { start, end: start + needle.length };
}

/** A change that replaces the first occurrence of `old` in `text` (after `after`, when given) by `by`. */
function replace(text: string, old: string, by: string, after = ''): TextChange {
  const at = text.indexOf(old, after ? text.indexOf(after) + after.length : 0);
  assert.ok(at >= 0, `the text has ${JSON.stringify(old)}`);
  return { rangeOffset: at, rangeLength: old.length, text: by };
}

function insertAt(offset: number, text: string): TextChange {
  return { rangeOffset: offset, rangeLength: 0, text };
}

function anchorOf(text: string, block: string): LiveAnchor {
  return { start: rangeOf(text, block).start, text: block };
}

/** The anchored text after the changes (null: the block was deleted), checked against the edited document. */
function anchoredText(text: string, block: string, changes: TextChange[], from: BlockAnchor = anchorOf(text, block)): string | null {
  const anchor = mapAnchor(from, changes);
  if (anchor.deleted) return null;
  const { start, end } = anchorRange(anchor);
  assert.equal(applyChanges(text, changes).slice(start, end), anchor.text, 'the anchor names the text at its offset');
  return anchor.text;
}

describe('block anchor: carried through edits', () => {
  const pinned = rangeOf(NOTE, PINNED);
  const anchor = anchorOf(NOTE, PINNED);

  it('a block inserted above shifts the anchor by its length', () => {
    const newBlock = '$$\nz = x_1 + x_2\n$$\n\n';
    const moved = mapAnchor(anchor, [insertAt(NOTE.indexOf('$$'), newBlock)]);
    assert.deepEqual(moved, { start: pinned.start + newBlock.length, text: PINNED });
  });

  it('a block deleted above (with its blank line) shifts it back', () => {
    assert.equal(anchoredText(NOTE, PINNED, [replace(NOTE, '$$\nu = x_1 \\cdot x_2\n$$\n\n', '')]), PINNED);
  });

  it('text typed right before the block start or right after its end stays outside it', () => {
    assert.equal(anchoredText(NOTE, PINNED, [insertAt(pinned.start, 'More prose.\n\n')]), PINNED);
    assert.equal(anchoredText(NOTE, PINNED, [insertAt(pinned.end, '\n\nA remark.')]), PINNED);
  });

  it('typing inside the block grows it, deleting inside shrinks it', () => {
    assert.equal(anchoredText(NOTE, PINNED, [replace(NOTE, '+ x_2', '+ x_2 \\cdot x_1', 'w = ')]), '$$\nw = \\ln(x_1) + x_2 \\cdot x_1\n$$');
    assert.equal(anchoredText(NOTE, PINNED, [replace(NOTE, '\\ln(x_1) + ', '', 'w = ')]), '$$\nw = x_2\n$$');
    // replacing its opening delimiter is an edit inside it too
    assert.equal(anchoredText(NOTE, PINNED, [{ rangeOffset: pinned.start, rangeLength: 2, text: '\\[' }]), '\\[\nw = \\ln(x_1) + x_2\n$$');
  });

  it('edits below the block leave it alone', () => {
    const change = replace(NOTE, 'The end.', 'The end.\n\n$$\nq = x_1\n$$');
    assert.deepEqual(mapAnchor(anchor, [change]), anchor);
  });

  it('deleting the whole block, exactly or with its surroundings, or replacing it, deletes it: its text and place are kept', () => {
    const surroundings = replace(NOTE, `Some prose.\n\n${PINNED}\n\nThe`, 'The');
    assert.deepEqual(mapAnchor(anchor, [{ rangeOffset: pinned.start, rangeLength: PINNED.length, text: '' }]), { deleted: true, at: pinned.start, text: PINNED });
    assert.deepEqual(mapAnchor(anchor, [surroundings]), { deleted: true, at: surroundings.rangeOffset, text: PINNED });
    assert.equal(anchoredText(NOTE, PINNED, [{ rangeOffset: pinned.start, rangeLength: PINNED.length, text: '$$\nv = 1\n$$' }]), null);
  });

  it('deleting it character by character ends in a deleted block, never an empty range', () => {
    let text = NOTE;
    let current: BlockAnchor = anchor;
    for (let i = 0; i < PINNED.length; i++) {
      assert.ok(!current.deleted);
      const change: TextChange = { rangeOffset: anchorRange(current).end - 1, rangeLength: 1, text: '' };   // backspace at its end
      text = applyChanges(text, [change]);
      current = mapAnchor(current, [change]);
      if (i < PINNED.length - 1) {
        assert.ok(!current.deleted);
        assert.equal(current.text, PINNED.slice(0, PINNED.length - 1 - i));
        assert.equal(text.slice(current.start, anchorRange(current).end), current.text);
      }
    }
    assert.equal(current.deleted, true);
  });

  it('an edit straddling the block start keeps the part of the block that is left', () => {
    // select from inside the prose to the middle of the block's first line, type "X"
    const from = NOTE.indexOf('prose.');
    const to = NOTE.indexOf('\\ln');
    const text = anchoredText(NOTE, PINNED, [{ rangeOffset: from, rangeLength: to - from, text: 'X' }]);
    assert.equal(text, '\\ln(x_1) + x_2\n$$');
  });

  it('an edit straddling the block end keeps the part of the block that is left', () => {
    const from = NOTE.indexOf('+ x_2');
    const to = NOTE.indexOf('The end.');
    const text = anchoredText(NOTE, PINNED, [{ rangeOffset: from, rangeLength: to - from, text: 'Y' }]);
    assert.equal(text, '$$\nw = \\ln(x_1) ');
  });

  it('CRLF text: offsets count \\r\\n as two characters, so lines inserted above shift by their full length', () => {
    const crlf = NOTE.replace(/\n/g, '\r\n');
    const block = PINNED.replace(/\n/g, '\r\n');
    const above = insertAt(crlf.indexOf('$$'), '$$\r\nz = x_1\r\n$$\r\n\r\n');
    assert.equal(anchoredText(crlf, block, [above]), block);
    // joining two lines above removes a two-character line break
    assert.equal(anchoredText(crlf, block, [replace(crlf, '\r\n', ' ', 'Some prose.')]), block);
    // Enter typed inside the block
    assert.equal(anchoredText(crlf, block, [replace(crlf, ' + x_2', '\r\n+ x_2')]), '$$\r\nw = \\ln(x_1)\r\n+ x_2\r\n$$');
  });

  it('a multi-change event (multi-cursor edit, VS Code lists changes bottom-up) maps through each change', () => {
    // one cursor below the block, one inside it, one above it: listed from the bottom of the document up
    const changes = [
      insertAt(NOTE.indexOf('The end.'), '// '),
      insertAt(NOTE.indexOf('x_2\n$$', pinned.start), '// '),
      insertAt(NOTE.indexOf('Some prose.'), '// '),
    ];
    assert.equal(anchoredText(NOTE, PINNED, changes), '$$\nw = \\ln(x_1) + // x_2\n$$');
  });

  it('a multi-change event whose later changes use the offsets the earlier ones left', () => {
    const first = insertAt(0, '$$\nz = 1\n$$\n\n');                  // a block inserted at the top
    const afterFirst = applyChanges(NOTE, [first]);
    const second = replace(afterFirst, '$$\nu = x_1 \\cdot x_2\n$$\n\n', '');   // then the old first block removed
    const third = replace(applyChanges(afterFirst, [second]), 'x_2\n$$', 'x_2 + 1\n$$', 'w = ');   // then an edit inside
    assert.equal(anchoredText(NOTE, PINNED, [first, second, third]), '$$\nw = \\ln(x_1) + x_2 + 1\n$$');
  });

  it('deleted, then undone (its text put back where it was): revived, to be confirmed by the server', () => {
    const cut = replace(NOTE, `${PINNED}\n\n`, '');
    const afterCut = applyChanges(NOTE, [cut]);
    const typedAbove = insertAt(0, 'Intro.\n');                 // an edit above while it is gone moves its place
    const undo = insertAt(cut.rangeOffset + 'Intro.\n'.length, `${PINNED}\n\n`);
    const revived = mapAnchor(anchor, [cut, typedAbove, undo]);
    assert.deepEqual(revived, { start: pinned.start + 'Intro.\n'.length, text: PINNED, revived: true });
    assert.equal(applyChanges(afterCut, [typedAbove, undo]).slice(revived.start, revived.start + PINNED.length), PINNED);
  });

  it('deleted, other text typed at its place, then both undone: revived', () => {
    const cut = { rangeOffset: pinned.start, rangeLength: PINNED.length, text: '' };
    const typed = insertAt(pinned.start, 'oops');
    const undoTyping = { rangeOffset: pinned.start, rangeLength: 4, text: '' };
    const undoCut = insertAt(pinned.start, PINNED);
    assert.equal(mapAnchor(anchor, [cut, typed]).deleted, true);
    assert.equal(anchoredText(NOTE, PINNED, [cut, typed, undoTyping, undoCut]), PINNED);
  });

  it('deleted, then other text put in its place or its text pasted elsewhere: still deleted', () => {
    const cut = { rangeOffset: pinned.start, rangeLength: PINNED.length, text: '' };
    assert.equal(mapAnchor(anchor, [cut, insertAt(pinned.start, '$$\nv = 1\n$$')]).deleted, true);
    assert.equal(mapAnchor(anchor, [cut, insertAt(0, PINNED)]).deleted, true);
  });

  it('the whole document rewritten to CRLF line ends (how VS Code reports a line-end switch): found again', () => {
    const crlf = NOTE.replace(/\n/g, '\r\n');
    const everything = { rangeOffset: 0, rangeLength: NOTE.length, text: crlf };
    assert.equal(anchoredText(NOTE, PINNED, [everything]), PINNED.replace(/\n/g, '\r\n'));
    // and back to LF
    const back = { rangeOffset: 0, rangeLength: crlf.length, text: NOTE };
    assert.equal(anchoredText(crlf, PINNED.replace(/\n/g, '\r\n'), [back]), PINNED);
  });

  it('a replacement covering it that keeps its text (a formatter, a cut and paste back) keeps it; the copy nearest its old place wins', () => {
    const formatted = NOTE.replace('# Two blocks', '# Two blocks, formatted').replace('Some prose.', 'Some prose, reflowed.');
    const change = { rangeOffset: 0, rangeLength: NOTE.length, text: formatted };
    assert.deepEqual(mapAnchor(anchor, [change]), { start: formatted.indexOf(PINNED), text: PINNED });
    // two copies of the block in the new text: the one where it was, not the first one
    const twice = `${PINNED}\n\n${NOTE}`;
    assert.deepEqual(mapAnchor(anchor, [{ rangeOffset: 0, rangeLength: NOTE.length, text: twice }]), { start: twice.lastIndexOf(PINNED), text: PINNED });
  });

  it('property: edits that do not touch the block keep its text exactly; any result lies inside the new text', () => {
    const edit = fc.record({ at: fc.nat(NOTE.length), length: fc.nat(12), text: fc.string({ unit: fc.constantFrom('a', '$', '\n', '\r\n', 'é', '𝑥'), maxLength: 8 }) });
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
      let text = NOTE;
      let current: BlockAnchor = anchor;
      let touched = false;
      for (const e of edits) {
        const rangeOffset = Math.min(e.at, text.length);
        const change: TextChange = { rangeOffset, rangeLength: Math.min(e.length, text.length - rangeOffset), text: e.text };
        const range = current.deleted ? null : anchorRange(current);
        if (!range || (change.rangeOffset < range.end && change.rangeOffset + change.rangeLength > range.start)) touched = true;
        text = applyChanges(text, [change]);
        current = mapAnchor(current, [change]);
      }
      if (!touched) assert.equal(current.deleted ? null : text.slice(current.start, anchorRange(current).end), PINNED);
      if (!current.deleted) {
        const { start, end } = anchorRange(current);
        assert.ok(start >= 0 && start < end && end <= text.length, JSON.stringify({ current, length: text.length }));
        assert.equal(text.slice(start, end), current.text);
      }
    }), { seed: fuzzSeed(4), numRuns: 500 });
  });
});

describe('block anchor: which listed block it is now', () => {
  const blocks = [
    { index: 0, range: { start: 0, end: 10 } },
    { index: 1, range: { start: 20, end: 40 } },
    { index: 2, range: { start: 45, end: 60 } },
  ];

  it('the block with the most text in common', () => {
    assert.equal(matchBlock({ start: 20, end: 40 }, blocks)?.index, 1);
    assert.equal(matchBlock({ start: 38, end: 50 }, blocks)?.index, 2);   // 2 characters of block 1, 5 of block 2
    assert.equal(matchBlock({ start: 5, end: 22 }, blocks)?.index, 0);
  });

  it('none when no block shares text with it (touching is not sharing)', () => {
    assert.equal(matchBlock({ start: 10, end: 20 }, blocks), null);
    assert.equal(matchBlock({ start: 41, end: 44 }, blocks), null);
    assert.equal(matchBlock({ start: 5, end: 8 }, []), null);
  });
});
