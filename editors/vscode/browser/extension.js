// The extension's entry point in VS Code for the web (package.json
// "browser"): the language server is ropa compiled to WebAssembly, in a web
// worker (out/server-worker.js), since a browser cannot start the `ropa`
// binary. Files reach it as documents the editor opens, read through VS
// Code's file-system API. Bundled by web/build.mjs into out/browser.js.

import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/browser";

let client;

export async function activate(context) {
  const worker = await startWorker(vscode.Uri.joinPath(context.extensionUri, "out", "server-worker.js"));
  client = new LanguageClient("ropa", "ropa", {
    documentSelector: [{ language: "ropa" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{ropa.kdl,*.ropa.kdl}") },
  }, worker);
  await client.start();
  // The workspace's other files: a reference to a file not open in an
  // editor must still resolve, so each is opened as a document (read via
  // the file-system API of whatever backs the workspace).
  const files = await vscode.workspace.findFiles("**/{ropa.kdl,*.ropa.kdl}", "**/{node_modules,target,.*}/**", 2000);
  for (const uri of files) await vscode.workspace.openTextDocument(uri);
  context.subscriptions.push(vscode.commands.registerCommand("ropa.restartServer", () => client.restart()));
}

// A browser starts a worker from a web address, which the extension has in
// vscode.dev and github.dev. Installed on a server instead (code-server, a
// remote), it has a vscode-remote: address, from which VS Code refuses to
// start a worker; the script is then read through the file-system API and
// started from a blob.
async function startWorker(uri) {
  if (uri.scheme !== "vscode-remote") return new Worker(uri.toString(true));
  const script = await vscode.workspace.fs.readFile(uri);
  return new Worker(URL.createObjectURL(new Blob([script], { type: "text/javascript" })));
}

export async function deactivate() {
  await client?.stop();
}
