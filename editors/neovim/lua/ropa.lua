-- ropa for Neovim's built-in LSP client (Neovim 0.7.2 and newer).
--
--   require('ropa').setup()                       -- `ropa` on PATH
--   require('ropa').setup({ cmd = { '/path/to/ropa', 'lsp' } })
--
-- Spec files are `*.ropa.kdl` plus the workspace file `ropa.kdl`; other
-- `.kdl` files are left alone. The workspace root is the nearest folder with
-- a `ropa.kdl` (else the file's own folder), as `ropa check` finds it.
-- Highlighting: syntax/ropa.vim (on the runtimepath with this file); on
-- Neovim 0.9+ the server's semantic tokens colour ids by kind on top of it.
local M = {}

local function root_for(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while dir and dir ~= '' do
    if vim.fn.filereadable(dir .. '/ropa.kdl') == 1 then
      return dir
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return vim.fn.fnamemodify(path, ':p:h')
end

-- One client per workspace root, reused by every buffer in it (0.7 has no
-- vim.lsp.start to do this for us).
local clients = {}

function M.start(bufnr, opts)
  opts = opts or {}
  local cmd = opts.cmd or { 'ropa', 'lsp' }
  local root = root_for(vim.api.nvim_buf_get_name(bufnr))
  if vim.fn.executable(cmd[1]) ~= 1 then
    vim.notify('ropa: `' .. cmd[1] .. '` was not found. Install it with `cargo install --path crates/ropa-cli` '
      .. "or pass cmd = { '/path/to/ropa', 'lsp' } to require('ropa').setup()", vim.log.levels.ERROR)
    return nil
  end
  local capabilities = opts.capabilities
  if vim.fn.has('nvim-0.10') == 1 then
    -- Files created, changed or deleted outside Neovim reach the server
    -- (`workspace/didChangeWatchedFiles`). Neovim 0.10+ can watch, but on
    -- Linux does not offer it unless asked; earlier versions cannot.
    capabilities = vim.tbl_deep_extend('force', vim.lsp.protocol.make_client_capabilities(),
      { workspace = { didChangeWatchedFiles = { dynamicRegistration = true } } }, capabilities or {})
  end
  local config = {
    name = 'ropa',
    cmd = cmd,
    root_dir = root,
    on_attach = opts.on_attach,
    capabilities = capabilities,
    init_options = opts.init_options,
  }
  if vim.lsp.start then -- Neovim 0.8+
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

function M.setup(opts)
  -- File type detection: autocmds work on every version (vim.filetype.add is 0.8+).
  vim.cmd([[
    augroup ropa_filetype
      autocmd!
      autocmd BufRead,BufNewFile *.ropa.kdl,ropa.kdl setlocal filetype=ropa
    augroup END
  ]])
  vim.cmd([[
    augroup ropa_syntax
      autocmd!
      autocmd FileType ropa setlocal commentstring=//\ %s comments=:// shiftwidth=4 expandtab
    augroup END
  ]])
  local group = vim.api.nvim_create_augroup('ropa_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'ropa',
    callback = function(args)
      M.start(args.buf, opts)
    end,
  })
end

return M
