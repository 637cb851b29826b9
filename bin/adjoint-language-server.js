#!/usr/bin/env node
// The Adjoint language server for any LSP editor: `adjoint-language-server --stdio`.
require('../dist/server.js');
