-- Neovim (0.7+) as an LSP client of adjoint-language-server: open a file, wait for the server,
-- hover at ADJOINT_LINE/ADJOINT_CHARACTER (0-based) and print the hover text between markers.
-- Run: nvim --headless --clean -u NONE -c 'luafile test/harness/nvim-hover.lua' FILE
local function say(s) io.stdout:write(s .. '\n') end
local function fail(code, message) say('ERROR: ' .. message); vim.cmd('cquit ' .. code) end

local server = os.getenv('ADJOINT_SERVER') or fail(2, 'ADJOINT_SERVER is not set')
local line = tonumber(os.getenv('ADJOINT_LINE') or '0')
local character = tonumber(os.getenv('ADJOINT_CHARACTER') or '0')
local bufnr = vim.api.nvim_get_current_buf()

local client_id = vim.lsp.start_client({
  name = 'adjoint',
  cmd = { server, '--stdio' },
  root_dir = vim.fn.getcwd(),
})
if not client_id then fail(3, 'the server did not start') end
vim.lsp.buf_attach_client(bufnr, client_id)

local ready = vim.wait(20000, function()
  local client = vim.lsp.get_client_by_id(client_id)
  return client ~= nil and client.initialized
end, 50)
if not ready then fail(4, 'the server did not initialize') end

local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = character } }
local results, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 20000)
if not results then fail(5, 'hover failed: ' .. tostring(err)) end

local text
for _, response in pairs(results) do
  if response.error then fail(6, vim.inspect(response.error)) end
  local contents = response.result and response.result.contents
  if contents then text = contents.value or vim.inspect(contents) end
end
if not text then fail(7, 'empty hover') end
say('HOVER-BEGIN')
say(text)
say('HOVER-END')
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
