// The extension loads in a real VS Code and registers every command of the shared protocol table.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { Commands } from '../../../server/protocol';
import { activateExtension } from './helpers';

describe('the Adjoint extension in a real VS Code', () => {
  it('activates', async () => {
    const ext = await activateExtension();
    assert.equal(ext.isActive, true);
  });

  it('registers every command named in server/protocol.ts', async () => {
    await activateExtension();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = Object.values(Commands).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
  });
});
