// The ropa language server for VS Code in the browser: runs in a web worker
// and answers LSP over postMessage, with the checker compiled to
// WebAssembly (crates/ropa-wasm) instead of the `ropa lsp` binary. Bundled
// by web/build.mjs into editors/vscode/out/server-worker.js.
//
// The workspace is what the client opened: each folder holding a `ropa.kdl`
// among the open documents is checked as one workspace (the nearest such
// folder above a file, as `ropa check` finds it); a file with none above it
// is checked with the other files of its folder.

import {
  BrowserMessageReader, BrowserMessageWriter, createConnection, TextDocuments,
} from "vscode-languageserver/browser";
import { TextDocument } from "vscode-languageserver-textdocument";
import { Ropa } from "../../../crates/ropa-wasm/js/ropa.js";
import wasmBase64 from "../../../web/gen/wasm.js";

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
const documents = new TextDocuments(TextDocument);
const ropa = new Ropa(new WebAssembly.Module(Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0))));

const folder = (uri) => uri.slice(0, uri.lastIndexOf("/") + 1);

/** The open documents checked together with `uri`. */
function workspaceOf(uri) {
  const all = documents.all();
  const roots = all.filter((d) => d.uri.endsWith("/ropa.kdl")).map((d) => folder(d.uri));
  const root = roots.filter((r) => uri.startsWith(r)).sort((a, b) => b.length - a.length)[0] ?? folder(uri);
  const inside = (d) => d.uri.startsWith(root) &&
    !roots.some((r) => r !== root && r.startsWith(root) && d.uri.startsWith(r));
  return all.filter(inside).map((d) => ({ name: d.uri, text: d.getText() }));
}

const severity = { error: 1, warning: 2, info: 3 };

function publish(uri) {
  const files = workspaceOf(uri);
  let answer;
  try {
    answer = ropa.call("check", { files });
  } catch (e) {
    connection.console.error(e.message);
    return;
  }
  for (const f of files) {
    const diagnostics = answer.diagnostics.filter((d) => d.file === f.name).map((d) => ({
      range: d.range,
      severity: severity[d.severity],
      code: d.rule,
      source: "ropa",
      message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
      tags: d.unnecessary ? [1] : undefined,
    }));
    connection.sendDiagnostics({ uri: f.name, diagnostics });
  }
}

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: 1, // full text: the module re-reads the workspace anyway
    hoverProvider: true,
    completionProvider: { triggerCharacters: ["="] },
    codeActionProvider: { codeActionKinds: ["quickfix"] },
    definitionProvider: true,
    referencesProvider: true,
    documentFormattingProvider: true,
    documentSymbolProvider: true,
  },
  serverInfo: { name: "ropa (WebAssembly)", version: ropa.call("version") },
}));

const at = (params, op, extra = {}) => {
  const uri = params.textDocument.uri;
  try {
    return ropa.call(op, { files: workspaceOf(uri), file: uri, ...extra });
  } catch (e) {
    connection.console.error(e.message);
    return null;
  }
};

connection.onHover((p) => {
  const h = at(p, "hover", { position: p.position });
  return h && { contents: { kind: "markdown", value: h.markdown }, range: h.range };
});
connection.onCompletion((p) => (at(p, "completion", { position: p.position }) ?? []).map((i, n) => ({
  label: i.label, detail: i.detail ?? undefined, sortText: String(n).padStart(4, "0"),
  documentation: i.documentation ? { kind: "markdown", value: i.documentation } : undefined,
  textEdit: { range: i.range, newText: i.insertText },
})));
const workspaceEdit = (edits) => {
  const changes = {};
  for (const e of edits) (changes[e.file] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
};
connection.onCodeAction((p) => (at(p, "codeActions", { range: p.range }) ?? []).map((a) => ({
  title: a.title, kind: "quickfix", isPreferred: a.preferred || undefined, edit: workspaceEdit(a.edits),
})));
const locations = (found) => (found ?? []).map((l) => ({ uri: l.file, range: l.range }));
connection.onDefinition((p) => locations(at(p, "definition", { position: p.position })));
connection.onReferences((p) => locations(at(p, "references", {
  position: p.position, includeDeclaration: p.context.includeDeclaration,
})));
connection.onDocumentFormatting((p) => (at(p, "format") ?? []).map((e) => ({ range: e.range, newText: e.newText })));
connection.onDocumentSymbol((p) => {
  const convert = (s) => ({
    name: s.name, detail: s.detail ?? undefined, kind: 12, range: s.range, selectionRange: s.selectionRange,
    children: s.children.map(convert),
  });
  return (at(p, "symbols") ?? []).map(convert);
});

// A change can change the findings of every file of its workspace.
documents.onDidChangeContent((e) => publish(e.document.uri));
documents.onDidClose((e) => {
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  const rest = workspaceOf(e.document.uri);
  if (rest.length) publish(rest[0].name);
});
documents.listen(connection);
connection.listen();
