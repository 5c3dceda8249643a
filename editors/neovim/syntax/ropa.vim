" Syntax highlighting for ropa specs (*.ropa.kdl, ropa.kdl), for Vim and
" Neovim. Neovim 0.9+ also colours by the server's semantic tokens, which
" know every id's kind; this file is what 0.7 and 0.8 show, and what shows
" before the server answers.
if exists('b:current_syntax')
  finish
endif

syn case match

" Node names: the first word of a line (or after `{` or `;`).
syn match ropaNode /\%(^\|[{;]\)\s*\zs[A-Za-z][A-Za-z0-9_-]*/
" Property names before `=`, and bare property values after it.
syn match ropaProperty /\<[a-z][a-z0-9-]*\ze=/
syn match ropaKeyword /=\@<=[a-z][a-z0-9-]*\>/
" The legal basis: the word after `basis`.
syn match ropaKeyword /\%(^\s*basis\s\+\)\@<=[a-z][a-z0-9-]*/
" Ids after a node (inside a block) that lists references: every one of
" them, not only the first. Top-level `data ID` is a declaration.
syn match ropaReference /\%(^\s\+\%(data\|subjects\|processors\|subprocessors\|recipients\|systems\|joint-controllers\)\s.*\)\@<=\<[a-z0-9][a-z0-9_.-]*\>\ze\%([^=]\|$\)/
" The id a declaration introduces: the word after the node name.
syn match ropaDeclaration /\%(^\%(data\|subjects\|processor\|subprocessor\|recipient\|joint-controller\|system\|activity\|controller\)\s\+\)\@<=[a-z0-9][a-z0-9_.-]*/
" Country codes (ISO 3166-1 alpha-2) and regions (ISO 3166-2).
syn match ropaCountry /\<[A-Z][A-Z]\%(-[A-Z0-9]\{1,3}\)\?\>/
syn match ropaBoolean /#\%(true\|false\|null\)\>/
syn match ropaNumber /\<-\?\d\+\%(\.\d\+\)\?\>/

syn region ropaString start=/"/ skip=/\\\\\|\\"/ end=/"/ contains=ropaEscape,@Spell
syn match ropaEscape /\\./ contained
syn region ropaString start=/#\+"/ end=/"#\+/
" Dates and durations are strings of their own kind.
syn match ropaDate /"\d\{4}-\d\d-\d\d"/
syn match ropaDuration /"\d\+\s\+\%(years\?\|months\?\|weeks\?\|days\?\)"/

syn match ropaComment /\/\/.*$/ contains=@Spell
syn region ropaComment start=/\/\*/ end=/\*\//
syn match ropaSlashdash /\/-/

hi def link ropaNode Statement
hi def link ropaProperty Identifier
hi def link ropaKeyword Constant
hi def link ropaReference Identifier
hi def link ropaDeclaration Function
hi def link ropaCountry Type
hi def link ropaBoolean Boolean
hi def link ropaNumber Number
hi def link ropaString String
hi def link ropaEscape SpecialChar
hi def link ropaDate Number
hi def link ropaDuration Number
hi def link ropaComment Comment
hi def link ropaSlashdash Comment

let b:current_syntax = 'ropa'
