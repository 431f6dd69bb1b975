/**
 * The VS Code extension: the leadscore language (grammar and configuration come from the
 * manifest) and a client of `leadscore lsp`, which does everything else.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { serverCommand } from './server-command.js';

let client: LanguageClient | undefined;

async function start(): Promise<void> {
  const setting = vscode.workspace.getConfiguration('leadscore').get<string>('server.path', '');
  const folders = vscode.workspace.workspaceFolders?.map((folder) => folder.uri.fsPath) ?? [];
  const { command, args, shell } = serverCommand(setting, folders, existsSync);
  // With stdio, the client adds `--stdio`, which `leadscore lsp` accepts.
  const serverOptions: ServerOptions = { command, args, transport: TransportKind.stdio, options: { shell } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'leadscore' },
      { scheme: 'untitled', language: 'leadscore' },
    ],
  };
  client = new LanguageClient('leadscore', 'leadscore', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const choice = await vscode.window.showErrorMessage(
      `leadscore: cannot start \`${command} lsp\` (${error instanceof Error ? error.message : String(error)}). Install leadscore in the workspace (npm install --save-dev leadscore) or set "leadscore.server.path".`,
      'Open Settings',
    );
    if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'leadscore.server.path');
  }
}

async function restart(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('leadscore.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('leadscore.server.path')) void restart();
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
