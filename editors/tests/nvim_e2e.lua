-- Headless Neovim as a real LSP client of `ropa lsp`, through the documented
-- config (editors/neovim/lua/ropa.lua). Works on Debian's Neovim 0.7.2.
--
--   ROPA_BIN=/abs/ropa EXPECT_FILE=/abs/expected.tsv \
--     nvim --headless -n -i NONE -u editors/tests/nvim_e2e.lua specs/office2go/activities.ropa.kdl
--
-- EXPECT_FILE holds what `ropa check --format json` reports for the file, one
-- finding a line: RULE<TAB>LINE<TAB>MESSAGE. The test passes when the
-- buffer's diagnostics have exactly those rules on those lines, and then:
-- highlighting (syntax/ropa.vim) of node names, declarations, references
-- and comments;
-- hover, completion, definition (the declaration's file, line and id) and
-- rename (each edit, in two files) at `processors google power-media-group`;
-- formatting restores a line made messy.
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)') or './'
vim.opt.runtimepath:prepend(here .. '../neovim')
vim.lsp.set_log_level('warn')
vim.cmd('syntax on')

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

-- The first line that reads `text` (trimmed), and the column of `word` in it.
local function find(buf, text, word)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if vim.trim(line) == text then
      return i - 1, (line:find(word, 1, true) or 1) - 1
    end
  end
end

local function request(buf, method, params)
  local responses = vim.lsp.buf_request_sync(buf, method, params, timeout)
  for _, r in pairs(responses or {}) do
    if r.result then return r.result end
  end
end

local function position(buf, line, col)
  return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = col } }
end

-- Every feature after diagnostics; returns what failed.
local function features(buf)
  local failures = {}
  local function check(ok, what)
    out((ok and 'PASS: ' or 'FAIL: ') .. what)
    if not ok then table.insert(failures, what) end
  end
  local line, col = find(buf, 'processors google power-media-group', 'google')
  if not line then return { 'the spec no longer has `processors google power-media-group`' } end

  -- Highlighting: syntax/ropa.vim.
  local function syn(l, word)
    local c = vim.api.nvim_buf_get_lines(buf, l, l + 1, false)[1]:find(word, 1, true)
    return vim.fn.synIDattr(vim.fn.synID(l + 1, c, 1), 'name')
  end
  check(syn(line, 'processors') == 'ropaNode' and syn(line, 'google') == 'ropaReference'
    and syn(line, 'power-media-group') == 'ropaReference',
    'highlighting: `processors` is a node name, both processor ids are references')
  check(syn(0, '//') == 'ropaComment', 'highlighting: the first line is a comment')
  local activity = find(buf, 'activity seo-analytics {', 'seo-analytics')
  check(activity ~= nil and syn(activity, 'activity') == 'ropaNode' and syn(activity, 'seo-analytics') == 'ropaDeclaration',
    'highlighting: `activity` is a node name, `seo-analytics` a declaration')

  -- Hover on the finding at `google`.
  local hover = request(buf, 'textDocument/hover', position(buf, line, col + 1))
  local hover_text = hover and hover.contents and (hover.contents.value or '') or ''
  check(hover_text:find('outside the EEA', 1, true) ~= nil, 'hover explains the undeclared transfer')

  -- Completion of processor ids where `google` is.
  local completion = request(buf, 'textDocument/completion', position(buf, line, col)) or {}
  local labels = {}
  for _, item in ipairs(completion.items or completion) do labels[item.label] = true end
  check(labels['google'] and labels['power-media-group'], 'completion lists the processors google and power-media-group')

  -- The text a range covers in a file on disk (one line; ASCII here).
  local function text_at(uri, range)
    local lines = vim.fn.readfile(vim.uri_to_fname(uri))
    local l = lines[range.start.line + 1] or ''
    return l:sub(range.start.character + 1, range['end'].character)
  end

  -- Definition: the id of `processor google` in processors.ropa.kdl.
  local definition = request(buf, 'textDocument/definition', position(buf, line, col + 1)) or {}
  local target = definition[1] or definition
  local declaration_line
  if target.uri then
    for i, l in ipairs(vim.fn.readfile(vim.uri_to_fname(target.uri))) do
      if l:find('^processor google ') then declaration_line = i - 1 end
    end
  end
  check(target.uri ~= nil and target.uri:match('processors%.ropa%.kdl$') ~= nil
    and target.range.start.line == declaration_line and text_at(target.uri, target.range) == 'google',
    'definition of google is the id of `processor google` in processors.ropa.kdl, line '
      .. tostring(declaration_line and declaration_line + 1))

  -- Rename: every edit replaces the id `google` by the new name, twice in
  -- this file (two `processors` lines) and once where it is declared.
  local params = position(buf, line, col + 1)
  params.newName = 'google-llc'
  local rename = request(buf, 'textDocument/rename', params) or {}
  local files = {}
  local edits_ok = true
  for uri, edits in pairs(rename.changes or {}) do
    table.insert(files, vim.fn.fnamemodify(vim.uri_to_fname(uri), ':t') .. ':' .. #edits)
    for _, edit in ipairs(edits) do
      edits_ok = edits_ok and edit.newText == 'google-llc' and text_at(uri, edit.range) == 'google'
    end
  end
  table.sort(files)
  check(edits_ok and table.concat(files, ' ') == 'activities.ropa.kdl:2 processors.ropa.kdl:1',
    'rename of google replaces each `google` id: edits per file ' .. table.concat(files, ' '))

  -- Formatting: a line made messy is formatted back.
  local original = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]
  vim.api.nvim_buf_set_lines(buf, line, line + 1, false, { '  processors   google    power-media-group' })
  if vim.lsp.buf.format then
    vim.lsp.buf.format({ bufnr = buf, timeout_ms = timeout })
  else
    vim.lsp.buf.formatting_sync(nil, timeout)
  end
  local formatted = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]
  check(formatted == original, 'formatting restores `' .. original .. '` (got `' .. formatted .. '`)')
  return failures
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
    if not same then
      out('FAIL')
      out('  expected: ' .. table.concat(expected, ' '))
      out('  received: ' .. table.concat(got, ' '))
      finish(1)
      return
    end
    out('PASS: the same findings as `ropa check`, rule by rule and line by line')
    local failures = features(buf)
    if #failures > 0 then
      for _, f in ipairs(failures) do out('FAIL: ' .. f) end
      finish(1)
      return
    end
    finish(0)
  end,
})
