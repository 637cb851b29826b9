// What a restored panel starts from: the block reference read back from its page's webview state.
import { strict as assert } from 'node:assert';
import { panelRefOf } from '../../../client/panels/panelRef';

describe('panel reference restored from the webview state', () => {
  const uri = 'file:///notes/lecture-04-autodiff.md';

  it('a pinned panel comes back pinned to the block its page last showed', () => {
    assert.deepEqual(panelRefOf({ ref: { uri, blockIndex: 4, pinned: true }, view: null }), { uri, blockIndex: 4, pinned: true, blockDeleted: false });
  });

  it('a panel whose block was deleted comes back saying so', () => {
    assert.deepEqual(panelRefOf({ ref: { uri, blockIndex: 4, pinned: true, blockDeleted: true } }), { uri, blockIndex: 4, pinned: true, blockDeleted: true });
  });

  it('flags that are not exactly true read as false; a state without a usable block gives nothing to restore', () => {
    assert.deepEqual(panelRefOf({ ref: { uri, blockIndex: 0, pinned: 'yes', blockDeleted: 1 } }), { uri, blockIndex: 0, pinned: false, blockDeleted: false });
    for (const state of [undefined, null, {}, { ref: null }, { ref: { uri } }, { ref: { blockIndex: 2 } }, { ref: { uri: 3, blockIndex: 2 } }, 'ref']) {
      assert.equal(panelRefOf(state), null, JSON.stringify(state));
    }
  });
});
