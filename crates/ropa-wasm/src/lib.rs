//! ropa for JavaScript: the checker, the rule docs, the formatter, the
//! reports, the importers and the editor features (hover, completion, quick
//! fixes, go to definition), compiled to WebAssembly.
//!
//! One entry point, [`call`]: a JSON request in, a JSON answer out. A
//! workspace is a list of `{name, text}` pairs the caller holds; nothing here
//! reads a file, the clock or the network. Positions are LSP positions
//! (zero-based line, UTF-16 character), which is what JavaScript strings,
//! CodeMirror and VS Code count in. The request and answer shapes are in
//! README.md; `js/ropa.js` is the wrapper that loads the module.

mod abi;
mod lines;
mod ops;
mod request;
mod rules;
mod workspace;

pub use request::call;
