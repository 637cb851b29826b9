// Issue 13 in the real extension host: the language server (started by the extension over IPC)
// evaluates a slow block in a worker thread, and a hover on another block answers meanwhile.
import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { activateExtension, codeLenses, hoverAt, hoverText, openFixture, positionOf, waitFor } from './helpers';

describe('a slow block is evaluated in the background (slow-block.md)', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    await activateExtension();
    doc = await openFixture('slow-block.md');
  });

  it('answers the trivial block while the slow one is analysed, then the slow one with its value and lenses', async () => {
    // Once the trivial block answers, the main thread has analysed this version and handed the slow block over.
    await waitFor('a hover on b', () => hoverAt(doc, positionOf(doc, 'b =')).then(hoverText), (t) => t.includes('5'));
    let slowAnswered = false;
    const slow = Promise.resolve(hoverAt(doc, positionOf(doc, 'y =')).then(hoverText)).finally(() => { slowAnswered = true; });
    const trivial = hoverText(await hoverAt(doc, positionOf(doc, 'b =')));
    assert.match(trivial, /value: `5`/);
    assert.equal(slowAnswered, false, 'the slow block answered first: it was not slow enough to test anything');
    assert.match(await slow, /`y` · sum[\s\S]*value: `[−\d.e]+`/);
    const lenses = await waitFor('the slow block\'s lenses', () => codeLenses(doc), (ls) => ls.some((l) => l.range.start.line === positionOf(doc, '```autodiff').line));
    assert.ok(lenses.length >= 6, JSON.stringify(lenses.map((l) => l.command?.title)));
  });
});
