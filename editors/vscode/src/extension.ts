// The ropa extension: a language client that starts `ropa lsp` for spec
// files (*.ropa.kdl and the workspace file ropa.kdl). All language
// knowledge is in the server; this file only finds and starts it, and says
// which one it runs (output channel and status bar).
import { execFile } from 'child_process';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { Candidate, candidates, describe, notFoundHelp, parseVersion } from './server';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;

/** `ropa --version`, or the reason it did not run. */
function version(command: string): Promise<{ version?: string; error?: string }> {
  return new Promise((resolve) => {
    execFile(command, ['--version'], { timeout: 10000 }, (err, stdout) => {
      const found = parseVersion(String(stdout));
      if (err || !found) {
        resolve({ error: err ? err.message.split('\n')[0] : `unexpected output: ${String(stdout).trim()}` });
      } else {
        resolve({ version: found });
      }
    });
  });
}

/** The first candidate that runs, with its version; the failures on the way. */
async function findServer(
  list: Candidate[],
): Promise<{ chosen?: Candidate; version?: string; tried: string[] }> {
  const tried: string[] = [];
  for (const candidate of list) {
    if (!candidate.command) {
      if (candidate.source === 'path') {
        tried.push('no `ropa` on PATH');
      } else if (candidate.source === 'setting') {
        tried.push(`${describe(candidate.source)}: \`${candidate.label}\` not found`);
      }
      continue;
    }
    const result = await version(candidate.command);
    if (result.version) {
      return { chosen: candidate, version: result.version, tried };
    }
    tried.push(`${describe(candidate.source)}: \`${candidate.command}\` did not run (${result.error})`);
  }
  return { tried };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('ropa');
  const setting = config.get<string>('server.path', '') ?? '';
  const extraArgs = config.get<string[]>('server.extraArgs', []);
  const list = candidates(setting, context.extensionPath);
  const { chosen, version: found, tried } = await findServer(list);
  for (const line of tried) {
    output.appendLine(`skipped ${line}`);
  }
  if (!chosen?.command) {
    const hasBundled = list.some((c) => c.source === 'bundled' && c.command);
    const help = notFoundHelp(tried, hasBundled);
    output.appendLine(help);
    status.text = '$(error) ropa';
    status.tooltip = 'ropa is not running: click for details';
    status.accessibilityInformation = { label: 'ropa is not running' };
    status.show();
    const choice = await vscode.window.showErrorMessage(help, 'Open Settings', 'Show Details');
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'ropa.server.path');
    } else if (choice === 'Show Details') {
      output.show();
    }
    return;
  }
  const command = chosen.command;
  output.appendLine(`using ${describe(chosen.source)}: ${command} (ropa ${found})`);
  if (setting.trim() && chosen.source !== 'setting') {
    void vscode.window.showWarningMessage(
      `ropa: the ropa.server.path setting \`${setting}\` did not work, so ${describe(chosen.source)} runs instead. See the ropa output for why.`,
    );
  }
  status.text = `ropa ${found}`;
  status.tooltip = `ropa language server: ${command} (${describe(chosen.source)}). Click for its output.`;
  status.accessibilityInformation = { label: `ropa ${found}, ${describe(chosen.source)}` };
  status.show();

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
    outputChannel: output,
  };
  // The id `ropa` makes the client read the `ropa.trace.server` setting.
  client = new LanguageClient('ropa', 'ropa', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    client = undefined;
    status.text = '$(error) ropa';
    const message = `ropa: the language server \`${command} lsp\` failed to start: ${err}`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('ropa');
  status = vscode.window.createStatusBarItem('ropa.server', vscode.StatusBarAlignment.Right, 100);
  status.name = 'ropa language server';
  status.command = 'ropa.showOutput';
  context.subscriptions.push(
    output,
    status,
    { dispose: () => void client?.stop() },
    vscode.commands.registerCommand('ropa.showOutput', () => output.show()),
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
