// The LaTeX corpus (test/corpus/latex-corpus.json, values from PyTorch): every snippet, wrapped
// as a $$…$$ block with its bindings as an annotation, gets its expected status, value, gradient.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nested } from '../../../engine';
import { analyzeMarkdown, assertClose, describeBlock } from './helpers';

interface CorpusItem {
  id: string;
  latex: string;
  bindings?: string | Record<string, Nested>;
  expected: 'ok' | 'not-evaluable' | 'error';
  output?: string;
  value?: Nested;
  gradient?: Record<string, Nested>;
}

const CORPUS = join(__dirname, '..', '..', 'corpus', 'latex-corpus.json');

/** As a user writes it: `\eta_min` (the parser's canonical spelling) is written `\eta_{min}`. */
function written(name: string): string {
  return name.replace(/_([A-Za-z0-9]{2,})$/, '_{$1}');
}

function annotationOf(bindings: CorpusItem['bindings']): string {
  if (bindings === undefined) return '';
  const text = typeof bindings === 'string'
    ? bindings
    : Object.entries(bindings).map(([name, value]) => `${written(name)} = ${JSON.stringify(value)}`).join(', ');
  return text.trim() === '' ? '' : `<!-- autodiff: ${text} -->\n`;
}

function loadCorpus(): CorpusItem[] {
  const parsed = JSON.parse(readFileSync(CORPUS, 'utf8')) as CorpusItem[] | { items: CorpusItem[] };
  return Array.isArray(parsed) ? parsed : parsed.items;
}

describe('LaTeX corpus through the analyser', () => {
  const items = loadCorpus();

  it('has snippets to run', () => {
    assert.ok(items.length >= 150, `${items.length} items`);
  });

  for (const item of items) {
    it(`${item.id}: ${item.expected}`, () => {
      const blocks = analyzeMarkdown(`${annotationOf(item.bindings)}$$\n${item.latex}\n$$\n`, `file:///corpus/${item.id}.md`);
      assert.equal(blocks.length, 1, `${blocks.length} blocks`);
      const [a] = blocks;
      assert.equal(a.status, item.expected, describeBlock(a));
      if (item.output !== undefined) assert.equal(a.outputName, item.output);
      if (item.value !== undefined) assertClose(a.value, item.value, 1e-9, 'value');
      for (const [name, g] of Object.entries(item.gradient ?? {})) assertClose(a.gradient[name], g, 1e-9, `∂/∂${name}`);
    });
  }
});
