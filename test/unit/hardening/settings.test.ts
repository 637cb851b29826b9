// Settings are safe whatever a folder's .vscode/settings.json says: limits are restricted in untrusted
// folders (package.json), every value is validated server-side, a bad one gets its default and a warning.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NDArray } from '../../../engine';
import { gradcheckSync, mul, sum } from '../../../engine';
import { defaultServerSettings, SETTING_RANGES, toServerSettings } from '../../../server/lsp/settings';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

function settingsWith(config: object) {
  const warnings: string[] = [];
  const settings = toServerSettings(config, (m) => warnings.push(m));
  return { settings, warnings };
}

describe('hardening: settings in untrusted folders', () => {
  it('package.json restricts the limits in untrusted folders and declares the same ranges the server enforces', () => {
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['adjoint.limits.maxTensorSize', 'adjoint.limits.maxNodes', 'adjoint.gradientCheck.eps']) assert.ok(restricted.includes(key), key);
    const props = manifest.contributes.configuration.properties;
    for (const [key, range] of Object.entries(SETTING_RANGES)) {
      assert.equal(props[`adjoint.${key}`].minimum, range.min, key);
      assert.equal(props[`adjoint.${key}`].maximum, range.max, key);
    }
  });

  it('a huge limit, eps 0, a string and an inverted sampling range each get the default and one warning', () => {
    const d = defaultServerSettings().analysis;
    const { settings, warnings } = settingsWith({
      limits: { maxTensorSize: 1e12, maxNodes: 1e12 },
      gradientCheck: { eps: 0, atol: 'big' },
      inlayHints: { values: 'yes' },
      sampling: { low: 3, high: 1 },
    });
    assert.equal(settings.analysis.maxTensorSize, d.maxTensorSize);
    assert.equal(settings.analysis.maxNodesPerBlock, d.maxNodesPerBlock);
    assert.equal(settings.analysis.eps, d.eps);
    assert.equal(settings.analysis.atol, d.atol);
    assert.equal(settings.inlayValues, true);
    assert.deepEqual([settings.analysis.sampleLow, settings.analysis.sampleHigh], [d.sampleLow, d.sampleHigh]);
    assert.equal(warnings.length, 6, warnings.join('\n'));
    assert.match(warnings.find((w) => w.includes('maxTensorSize'))!, /1 to 10000000/);
  });

  it('good values pass unchanged and without a warning', () => {
    const { settings, warnings } = settingsWith({ limits: { maxNodes: 50_000 }, gradientCheck: { eps: 1e-7 }, sampling: { low: -1, high: 1 } });
    assert.deepEqual(warnings, []);
    assert.equal(settings.analysis.maxNodesPerBlock, 50_000);
    assert.equal(settings.analysis.eps, 1e-7);
  });

  it('the gradient check with the validated eps of an eps: 0 setting is a number, not NaN', () => {
    const { settings } = settingsWith({ gradientCheck: { eps: 0 } });
    const report = gradcheckSync((x) => sum(mul(x, x)), [NDArray.from([1, 2, 3])], { eps: settings.analysis.eps });
    assert.ok(Number.isFinite(report.maxRelError) && report.passed, JSON.stringify(report));
  });
});
