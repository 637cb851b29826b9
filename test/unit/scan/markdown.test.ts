import { strict as assert } from 'assert';
import { languageOf, scanDocument } from '../../../server/scan/blocks';
import type { MathBlock } from '../../../server/scan/blocks';

const md = (text: string): MathBlock[] => scanDocument(text, 'markdown');
const texts = (text: string): string[] => md(text).map((b) => b.text);
/** The document text under the block's whole span. */
const spanned = (doc: string, b: MathBlock): string => doc.slice(b.span.start, b.span.end);

describe('scan: Markdown math (SPEC §1)', () => {
  it('finds a multi-line $$ block with exact spans', () => {
    const doc = 'intro\n$$\nx^2 + 1\n$$\nafter';
    const [b, ...rest] = md(doc);
    assert.equal(rest.length, 0);
    assert.equal(b.kind, 'display');
    assert.equal(b.syntax, 'latex');
    assert.deepEqual(b.span, { start: 6, end: 19 });
    assert.deepEqual(b.content, { start: 8, end: 17 });
    assert.equal(b.text, '\nx^2 + 1\n');
    assert.equal(spanned(doc, b), '$$\nx^2 + 1\n$$');
  });

  it('finds $$ … $$ on one line and several blocks in order', () => {
    const doc = 'a $$y = x$$ b $z$ and\n\\[ w \\]';
    const blocks = md(doc);
    assert.deepEqual(blocks.map((b) => [b.index, b.kind, b.text]), [[0, 'display', 'y = x'], [1, 'inline', 'z'], [2, 'display', ' w ']]);
    assert.equal(spanned(doc, blocks[2]), '\\[ w \\]');
  });

  it('keeps blank lines inside $$ (the lecture note does this)', () => {
    assert.deepEqual(texts('$$\na \\\\\n\nb\n$$'), ['\na \\\\\n\nb\n']);
  });

  it('reads ```autodiff fences as autodiff and skips other fences', () => {
    const doc = '```autodiff\nx = 2\ny = x * 3\n```\n```python\nprint("$x$")\n```\n~~~\n$y$\n~~~\n';
    const blocks = md(doc);
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0].kind, 'fence');
    assert.equal(blocks[0].syntax, 'autodiff');
    assert.equal(blocks[0].text, 'x = 2\ny = x * 3');
    assert.equal(spanned(doc, blocks[0]), '```autodiff\nx = 2\ny = x * 3\n```');
  });

  it('skips fences inside blockquotes, which end with the quote', () => {
    assert.deepEqual(texts('> ```python\n> $x$\n> ```\n> and $y$\n\n> ```\n> $z$\n\n$w$'), ['y', 'w']);
  });

  it('runs an unclosed autodiff fence to the end of the document', () => {
    const blocks = md('```autodiff\nx = 1\n');
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0].text, 'x = 1\n');
  });

  it('skips YAML and TOML front matter', () => {
    assert.deepEqual(texts('---\ntitle: "$x$ costs"\nmath: $a$\n---\n$y$'), ['y']);
    assert.deepEqual(texts('+++\ntitle = \'$x$\'\n+++\n$y$'), ['y']);
  });

  it('reads a --- that is never closed as text, not front matter', () => {
    assert.deepEqual(texts('---\n$y$'), ['y']);
  });

  it('skips indented code after a blank line but not list continuations', () => {
    assert.deepEqual(texts('para\n\n    $x$ is code\n\nback $y$'), ['y']);
    assert.deepEqual(texts('- item\n\n    continued $z$'), ['z']);
  });

  it('skips inline code spans, also with double backticks', () => {
    assert.deepEqual(texts('use `$x$` or ``a ` $y$`` but $z$'), ['z']);
  });

  it('skips escaped dollars', () => {
    assert.deepEqual(texts('\\$5 and \\$6 and $w$'), ['w']);
  });

  it('applies pandoc\'s rule so prices are not math', () => {
    assert.deepEqual(texts('it costs $5 and $6 today'), []);
    assert.deepEqual(texts('from $20,000 to $30,000'), []);
    assert.deepEqual(texts('$ x$ and $x $'), []);
    assert.deepEqual(texts('$x$5'), []);
    assert.deepEqual(texts('$x$ costs $5 and $6'), ['x']);
  });

  it('finds inline math inside blockquotes and lists', () => {
    assert.deepEqual(texts('> is it $\\theta$?\n>\n1. loss: $\\ell$, MLP'), ['\\theta', '\\ell']);
  });

  it('does not treat HTML comments as math', () => {
    assert.deepEqual(texts('<!-- $x$\n$$y$$ -->\n$z$'), ['z']);
  });

  it('ignores an unclosed $$ and still finds later inline math', () => {
    assert.deepEqual(texts('$$ a\n\ntext $b$'), ['b']);
  });

  it('skips empty display math', () => {
    assert.deepEqual(texts('$$ $$ and $$\n$$'), []);
  });

  it('gives offsets into the original text of a CRLF document', () => {
    const doc = 'a\r\n$$\r\nx + 1\r\n$$\r\n```autodiff\r\ny = 2\r\nz = 3\r\n```\r\n$w$\r\n';
    const [display, fence, inline] = md(doc);
    assert.equal(spanned(doc, display), '$$\r\nx + 1\r\n$$');
    assert.equal(display.text, '\r\nx + 1\r\n');
    assert.equal(fence.text, 'y = 2\r\nz = 3');
    assert.equal(spanned(doc, fence), '```autodiff\r\ny = 2\r\nz = 3\r\n```');
    assert.equal(inline.span.start, doc.indexOf('$w$'));
    assert.equal(inline.text, 'w');
  });

  it('counts UTF-16 code units before the math (astral characters count 2)', () => {
    const doc = '𝔼 中 $x$';
    const [b] = md(doc);
    assert.equal(b.span.start, 5);
    assert.equal(doc.slice(b.content.start, b.content.end), 'x');
  });
});

describe('scan: annotations', () => {
  it('attaches <!-- autodiff: … --> right before a block, blank lines allowed', () => {
    const doc = 'text\n<!-- autodiff: x_1 = 2, x_2 = 5 -->\n\n$$\ny = x_1 x_2\n$$\n';
    const [b] = md(doc);
    assert.ok(b.annotation);
    assert.equal(b.annotation.text, 'x_1 = 2, x_2 = 5');
    assert.equal(doc.slice(b.annotation.span.start, b.annotation.span.end), 'x_1 = 2, x_2 = 5');
  });

  it('attaches to a fence and to inline math too', () => {
    const [fence, inline] = md('<!--autodiff: W: 3x2-->\n```autodiff\ny = W\n```\n<!-- autodiff: k = 1 --> $k + 1$');
    assert.equal(fence.annotation?.text, 'W: 3x2');
    assert.equal(inline.annotation?.text, 'k = 1');
  });

  it('binds every inline block of the paragraph under an annotation line, up to the next blank line (issue 14)', () => {
    const blocks = md('<!-- autodiff: a = 1 -->\nwords\n$x$ $y$\n<!-- note -->\n$z$\n\n$w$\n<!-- autodiff: b = 2 -->\n$u$ $v$');
    assert.deepEqual(blocks.map((b) => b.annotation?.text ?? null), ['a = 1', 'a = 1', 'a = 1', null, 'b = 2', 'b = 2']);
  });

  it('does not reach past a display block, nor from a comment in the middle of a line, nor from ordinary comments', () => {
    const blocks = md('<!-- autodiff: a = 1 -->\n$$\ny = a\n$$\nthen $x$\n\nsee <!-- autodiff: b = 2 --> and $u$ $v$\n<!-- note -->\n$z$');
    assert.deepEqual(blocks.map((b) => b.annotation?.text ?? null), ['a = 1', null, null, null, null]);
  });
});

describe('scan: .autodiff files and languageOf', () => {
  it('reads a whole .autodiff file as one block', () => {
    const doc = 'x = 1\r\ny = x ** 2\r\n';
    const blocks = scanDocument(doc, 'autodiff');
    assert.equal(blocks.length, 1);
    assert.deepEqual([blocks[0].kind, blocks[0].syntax, blocks[0].text], ['file', 'autodiff', doc]);
    assert.deepEqual(blocks[0].span, { start: 0, end: doc.length });
  });

  it('maps file names to languages', () => {
    assert.equal(languageOf('/notes/lecture.md'), 'markdown');
    assert.equal(languageOf('C:\\x\\paper.TEX'), 'latex');
    assert.equal(languageOf('model.autodiff'), 'autodiff');
    assert.equal(languageOf('README'), 'markdown');
  });

  describe('bare display environments (SPEC §1: Jupyter renders them)', () => {
    it('finds equation, align and gather, starred too, with exact spans', () => {
      const doc = 'a\n\\begin{equation}\ny = x^2\n\\end{equation}\n\\begin{align*}\na &= 1 \\\\\nb &= a\n\\end{align*}\n\\begin{gather}z = 1\\end{gather}';
      const blocks = md(doc);
      assert.deepEqual(blocks.map((b) => [b.kind, b.text]), [
        ['environment', '\ny = x^2\n'], ['environment', '\na &= 1 \\\\\nb &= a\n'], ['environment', 'z = 1'],
      ]);
      assert.equal(spanned(doc, blocks[0]), '\\begin{equation}\ny = x^2\n\\end{equation}');
      assert.equal(spanned(doc, blocks[1]).endsWith('\\end{align*}'), true);
    });

    it('skips other environments, unclosed ones, and environments in code', () => {
      assert.deepEqual(texts('\\begin{itemize} $x$ \\end{itemize}'), ['x']);
      assert.deepEqual(texts('\\begin{equation} y = 1\n\nno end'), []);
      assert.deepEqual(texts('`\\begin{equation}y\\end{equation}`\n```\n\\begin{align}a\\end{align}\n```'), []);
      assert.deepEqual(texts('\\begin{align}a = 1\\end{align*}'), []);
    });

    it('does not read an environment inside $$ twice', () => {
      assert.deepEqual(md('$$\\begin{aligned} a &= 1 \\end{aligned}$$ $$\\begin{align}b\\end{align}$$').map((b) => b.kind), ['display', 'display']);
    });

    it('attaches an annotation to an environment', () => {
      const [b] = md('<!-- autodiff: x = 2 -->\n\\begin{equation}y = x\\end{equation}');
      assert.equal(b.annotation?.text, 'x = 2');
    });
  });
});
