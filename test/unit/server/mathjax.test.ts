import { strict as assert } from 'node:assert';
import { latexToSvgDataUri } from '../../../server/lsp/mathjax';
import { EXAMPLE, pinnedLecture } from './fixtures';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { buildOnce, LspSession, positionOf } from './lspSession';

describe('symbolic adjoints typeset for VS Code hovers', function () {
  this.timeout(120_000);

  it('renders LaTeX to an SVG data URI with a fixed ink colour', () => {
    const uri = latexToSvgDataUri('\\frac{1}{x_1} + x_2');
    assert.ok(uri !== null && uri.startsWith('data:image/svg+xml;base64,'));
    const svg = Buffer.from(uri.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
    assert.match(svg, /^<svg[\s\S]*<\/svg>$/);
    assert.ok(!svg.includes('currentColor'), 'an <img> cannot inherit currentColor');
  });

  it('gives up (null) on LaTeX that MathJax rejects', () => {
    assert.equal(latexToSvgDataUri('\\frac{'), null);
  });

  it('adds the image to hovers only when the client says it is VS Code', async () => {
    buildOnce();
    const text = pinnedLecture();
    const position = positionOf(text, EXAMPLE, 0, EXAMPLE.indexOf('x_2') + 1);
    const hoverFrom = async (initializationOptions?: unknown) => {
      const s = await LspSession.start({ initializationOptions });
      try {
        await s.open('file:///n.md', 'markdown', text);
        const h = await s.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///n.md' }, position });
        return (h!.contents as MarkupContent).value;
      } finally { await s.stop(); }
    };
    assert.match(await hoverFrom({ client: 'vscode' }), /!\[symbolic adjoint\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
    assert.ok(!(await hoverFrom()).includes('data:image'));
  });
});
