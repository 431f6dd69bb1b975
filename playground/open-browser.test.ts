import { describe, expect, test } from 'vitest';
import { browserDecision } from './open-browser.js';

describe('npm start opens a browser only where one can be shown', () => {
  test('on a Linux desktop, X11 or Wayland', () => {
    expect(browserDecision({ DISPLAY: ':0' }, 'linux')).toEqual({ open: true });
    expect(browserDecision({ WAYLAND_DISPLAY: 'wayland-0' }, 'freebsd')).toEqual({ open: true });
  });

  test('not on a machine without a desktop, nor in CI or an SSH session: it says why', () => {
    expect(browserDecision({}, 'linux')).toEqual({ open: false, why: 'no desktop here (neither DISPLAY nor WAYLAND_DISPLAY is set)' });
    expect(browserDecision({ CI: 'true', DISPLAY: ':99' }, 'linux')).toEqual({ open: false, why: 'running in CI' });
    expect(browserDecision({ SSH_CONNECTION: '10.0.0.2 5000 10.0.0.1 22' }, 'darwin')).toMatchObject({ open: false });
  });

  test('macOS and Windows have a desktop; BROWSER decides when set, as in Vite', () => {
    expect(browserDecision({}, 'darwin')).toEqual({ open: true });
    expect(browserDecision({}, 'win32')).toEqual({ open: true });
    expect(browserDecision({ BROWSER: 'none', DISPLAY: ':0' }, 'linux')).toEqual({ open: false, why: 'BROWSER=none' });
    expect(browserDecision({ BROWSER: 'firefox' }, 'linux')).toEqual({ open: true });
  });
});
