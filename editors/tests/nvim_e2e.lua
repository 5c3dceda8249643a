-- Headless Neovim as a real LSP client of `ropa lsp`, through the documented
-- config (editors/neovim/lua/ropa.lua). Works on Debian's Neovim 0.7.2.
--
--   ROPA_BIN=/abs/ropa EXPECT_FILE=/abs/expected.tsv \
--     nvim --headless -n -i NONE -u editors/tests/nvim_e2e.lua specs/office2go/activities.ropa.kdl
--
-- EXPECT_FILE holds what `ropa check --format json` reports for the file, one
-- finding a line: RULE<TAB>LINE<TAB>MESSAGE. The test passes when the
-- buffer's diagnostics have exactly those rules on those lines.
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)') or './'
vim.opt.runtimepath:prepend(here .. '../neovim')
vim.lsp.set_log_level('warn')

local function out(s) io.stdout:write(s .. '\n') end
local timeout = tonumber(os.getenv('NVIM_E2E_TIMEOUT_MS') or '20000')

local expected = {}
for line in io.lines(os.getenv('EXPECT_FILE')) do
  local rule, lnum = line:match('^([^\t]+)\t(%d+)\t')
  if rule then table.insert(expected, rule .. ':' .. lnum) end
end
table.sort(expected)

require('ropa').setup({ cmd = { os.getenv('ROPA_BIN'), 'lsp' } })

local function finish(code)
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.stop()
    vim.wait(3000, function() return client.is_stopped() end, 50)
    if not client.is_stopped() then client.stop(true) end
  end
  vim.cmd('cquit ' .. code)
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local buf = vim.api.nvim_get_current_buf()
    out(('nvim %d.%d.%d, filetype=%s, %d findings expected'):format(
      vim.version().major, vim.version().minor, vim.version().patch, vim.bo[buf].filetype, #expected))
    local t0 = vim.loop.hrtime()
    local ok = vim.wait(timeout, function() return #vim.diagnostic.get(buf) >= #expected and #expected > 0 end, 50)
    local got = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or '?'
      table.insert(got, code .. ':' .. (d.lnum + 1))
    end
    table.sort(got)
    local same = ok and table.concat(got, ' ') == table.concat(expected, ' ')
    out(('received %d diagnostics after %.0f ms'):format(#got, (vim.loop.hrtime() - t0) / 1e6))
    if same then
      out('PASS: the same findings as `ropa check`, rule by rule and line by line')
      finish(0)
    else
      out('FAIL')
      out('  expected: ' .. table.concat(expected, ' '))
      out('  received: ' .. table.concat(got, ' '))
      finish(1)
    end
  end,
})
