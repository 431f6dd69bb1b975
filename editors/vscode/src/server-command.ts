/**
 * Which `leadscore` runs the language server: the one the user set, else the workspace's own
 * (`npm install leadscore` puts it in node_modules/.bin), else the one on the PATH. No VS Code
 * import, so it is tested in Node.
 */
import { isAbsolute, join, resolve } from 'node:path';

export interface ServerCommand {
  command: string;
  args: string[];
  /** Windows runs `.cmd` shims only through a shell. */
  shell: boolean;
}

export function serverCommand(setting: string, folders: readonly string[], exists: (path: string) => boolean, platform: NodeJS.Platform = process.platform): ServerCommand {
  const shim = platform === 'win32' ? 'leadscore.cmd' : 'leadscore';
  const command =
    setting.trim() !== ''
      ? isAbsolute(setting) || folders[0] === undefined || !/[\\/]/.test(setting)
        ? setting
        : resolve(folders[0], setting)
      : (folders.map((folder) => join(folder, 'node_modules', '.bin', shim)).find(exists) ?? shim);
  return { command, args: ['lsp'], shell: platform === 'win32' && /\.(cmd|bat)$/i.test(command) };
}
