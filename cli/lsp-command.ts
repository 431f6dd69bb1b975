import type { Command } from 'commander';
import { defineCommand, type CommandContext } from './command.js';

/** `leadscore lsp`: the language server for editors, on standard input and output. */
export function registerLspCommand(cli: Command, _context: CommandContext): void {
  defineCommand(cli, 'lsp')
    .description('a Language Server Protocol server on stdin/stdout, for editors (VS Code, Neovim, Helix…)')
    .addHelpText(
      'after',
      `
Started by an editor, not by hand: it speaks JSON-RPC on standard input and output
and exits when the editor says so. Logs go to standard error.`,
    )
    // Clients such as vscode-languageclient pass the transport they chose; stdio is the only one.
    .option('--stdio', 'talk over standard input and output (the default)')
    .action(async () => {
      // Standard output carries the protocol alone: anything logged goes to standard error.
      console.log = console.info = console.debug = console.error;
      const { startLspServer } = await import('../lsp/index.js');
      startLspServer({ input: process.stdin, output: process.stdout });
      // The server ends the process when the client exits; until then the command never returns.
      await new Promise<never>(() => undefined);
    });
}
