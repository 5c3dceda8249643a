// The ropa extension: a language client that starts `ropa lsp` for spec
// files (*.ropa.kdl and the workspace file ropa.kdl). All language
// knowledge is in the server; this file only finds and starts it.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

const INSTALL_HELP =
  'Install it with `cargo install --path crates/ropa-cli` from the ropa repository, ' +
  'or set `ropa.server.path` to the `ropa` program.';

/** The absolute path of `command`: as given when it has a slash, else from PATH. */
function resolveCommand(command: string): string | undefined {
  const isFile = (p: string) => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (command.includes('/') || command.includes('\\')) {
    return isFile(command) ? command : undefined;
  }
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const ext of extensions) {
      const candidate = path.join(dir, command + ext);
      if (dir && isFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('ropa');
  const configured = config.get<string>('server.path', 'ropa') || 'ropa';
  const extraArgs = config.get<string[]>('server.extraArgs', []);
  const command = resolveCommand(configured);
  if (!command) {
    const choice = await vscode.window.showErrorMessage(
      `ropa: the language server program \`${configured}\` was not found. ${INSTALL_HELP}`,
      'Open Settings',
    );
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'ropa.server.path');
    }
    return;
  }
  const serverOptions: ServerOptions = {
    command,
    args: ['lsp', ...extraArgs],
    // vscode-languageclient appends `--stdio`; `ropa lsp` accepts it.
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'ropa' },
      { scheme: 'untitled', language: 'ropa' },
    ],
  };
  // The id `ropa` makes the client read the `ropa.trace.server` setting.
  client = new LanguageClient('ropa', 'ropa', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    client = undefined;
    vscode.window.showErrorMessage(`ropa: the language server \`${command} lsp\` failed to start: ${err}. ${INSTALL_HELP}`);
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('ropa.restartServer', async () => {
      if (client) {
        await client.stop();
        client = undefined;
      }
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('ropa.server')) {
        await vscode.commands.executeCommand('ropa.restartServer');
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
