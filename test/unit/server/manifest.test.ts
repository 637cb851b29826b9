// package.json's contributions agree with the code: command ids, settings and their defaults,
// the grammars and the language.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultSettings } from '../../../server/analysis';
import { EDITOR_BLOCK_TIME_MS, toServerSettings, type AdjointConfiguration } from '../../../server/lsp/settings';
import { Commands } from '../../../server/protocol';
import { ROOT } from './lspSession';

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('package.json contributions', () => {
  it('declares exactly the commands of protocol.ts, in category Adjoint', () => {
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(declared, Object.values(Commands).sort());
    assert.ok(manifest.contributes.commands.every((c: { category: string }) => c.category === 'Adjoint'));
  });

  it('declares every setting the server reads, with the analysis defaults', () => {
    const props = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;
    // Rebuild the nested `adjoint` section from the flat keys, as VS Code hands it to the server.
    const section: Record<string, Record<string, unknown>> = {};
    for (const [key, p] of Object.entries(props)) {
      const [, group, name] = key.split('.');
      (section[group] ??= {})[name] = p.default;
    }
    const fromManifest = toServerSettings(section as AdjointConfiguration);
    // The editor gives each block a time budget; the analysis (and the CLI) has none by default.
    assert.deepEqual(fromManifest.analysis, { ...defaultSettings, blockTimeMs: EDITOR_BLOCK_TIME_MS });
    assert.equal(fromManifest.inlayValues, true);
    assert.equal(fromManifest.inlayAdjoints, false);
    // and each key matters: a changed value reaches the settings
    assert.equal(toServerSettings({ gradientCheck: { atol: 0.5 } }).analysis.atol, 0.5);
    assert.equal(toServerSettings({ limits: { maxNodes: 7 } }).analysis.maxNodesPerBlock, 7);
    assert.equal(toServerSettings({ sampling: { low: 3, high: 4 } }).analysis.sampleHigh, 4);
    assert.equal(toServerSettings({ sampling: { low: 5, high: 4 } }).analysis.sampleLow, defaultSettings.sampleLow);
    assert.equal(toServerSettings({ limits: { blockTimeMs: 250 } }).analysis.blockTimeMs, 250);
    assert.equal(Object.keys(props).length, 11);
  });

  it('contributes the autodiff language, its grammar and the Markdown fence injection', () => {
    const [language] = manifest.contributes.languages;
    assert.equal(language.id, 'autodiff');
    assert.deepEqual(language.extensions, ['.autodiff']);
    for (const g of manifest.contributes.grammars) {
      const file = path.join(ROOT, g.path);
      assert.ok(existsSync(file), g.path);
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).scopeName, g.scopeName);
    }
    const autodiff = JSON.parse(readFileSync(path.join(ROOT, 'syntaxes/autodiff.tmLanguage.json'), 'utf8'));
    const rule = (name: string) => new RegExp(autodiff.repository[name].match);
    assert.deepEqual('y = log(x1) + W @ x'.match(new RegExp(rule('call').source, 'g')), ['log']);
    assert.equal(rule('assignment').exec('loss = 1')?.[1], 'loss');
    assert.equal(rule('assignment').exec('a == b'), null);
    const [assertKeyword, comparison] = autodiff.repository.claim.patterns.map((p: { match: string }) => new RegExp(p.match));
    assert.equal(assertKeyword.exec('assert grad(y, x1) == 1/x1 + x2')?.[1], 'assert');
    assert.equal(assertKeyword.exec('assert = 3'), null, 'a variable named assert is not the keyword');
    assert.ok(comparison.test('grad(y, x1) == x2'));
    assert.deepEqual('x1 = 2.5e-3 # 7'.match(new RegExp(rule('number').source, 'g')), ['2.5e-3', '7']);
    assert.ok(manifest.contributes.grammars.some((g: { injectTo?: string[] }) => g.injectTo?.includes('text.html.markdown')));
    assert.deepEqual(manifest.activationEvents.filter((e: string) => e.startsWith('onLanguage:')).sort(), ['onLanguage:autodiff', 'onLanguage:latex', 'onLanguage:markdown']);
    // Limited: in an untrusted folder the limits come from user settings only (restrictedConfigurations).
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(manifest.main, './dist/client.js');
  });
});
