/**
 * Whether `npm start` opens a browser: only where one can be shown. On a machine without a
 * desktop (a server, a container, CI, an SSH session) opening one fails with `xdg-open`'s
 * errors; there `npm start` only prints the address.
 */
export type BrowserDecision = { open: true } | { open: false; why: string };

export function browserDecision(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): BrowserDecision {
  const browser = env['BROWSER'] ?? '';
  // Vite's own convention: BROWSER=none never opens one, any other BROWSER names the one to open.
  if (browser.toLowerCase() === 'none') return { open: false, why: 'BROWSER=none' };
  if (browser !== '') return { open: true };
  if (env['CI']) return { open: false, why: 'running in CI' };
  if (env['SSH_CONNECTION'] || env['SSH_TTY']) return { open: false, why: 'an SSH session (a browser would open on this machine, not yours)' };
  if (platform === 'darwin' || platform === 'win32') return { open: true };
  // Linux and the BSDs: a desktop session says where its display is.
  if (env['DISPLAY'] || env['WAYLAND_DISPLAY']) return { open: true };
  return { open: false, why: 'no desktop here (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
}
