import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printable } from '../runtime/support.js';
import { acceptanceNow, fixtures, runCli } from '../test-support/harness.js';

// ESC [2J clears the screen, ESC ]0; sets the window title, BEL rings: none may reach a terminal raw.
const hostile = 'L1\u001b[2J\u001b]0;owned\u0007\r';
const shown = 'L1\\u001b[2J\\u001b]0;owned\\u0007\\u000d';
// eslint-disable-next-line no-control-regex -- the control characters are what the test looks for
const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('text from leads and policies reaches a terminal escaped', () => {
  it('printable writes each control character as its escape, and keeps line feeds when asked', () => {
    expect(printable(hostile)).toBe(shown);
    expect(printable('a\nb\tc')).toBe('a\\u000ab\\u0009c');
    expect(printable('a\nb\u009bc', { keepLineBreaks: true })).toBe('a\nb\\u009bc');
    expect(printable('Müller & Söhne — 東京')).toBe('Müller & Söhne — 東京');
  });

  it('score --format table, with a bad line', async () => {
    const stdin = [JSON.stringify({ id: hostile, title: 'CTO' }), JSON.stringify({ id: `${hostile}2`, employees: 'many' })].join('\n');
    const { stdout } = await runCli(['score', `${fixtures}/small.score`, '-', '--now', acceptanceNow, '--format', 'table'], { stdin });
    expect(stdout).toContain(shown);
    expect(stdout).not.toMatch(raw);
  });

  it('explain', async () => {
    const stdin = JSON.stringify({ id: hostile, title: 'CTO', events: [{ type: 'open', object: 'email', name: 'x\u001b[31m', at: '2026-11-22' }] });
    const { stdout } = await runCli(['explain', `${fixtures}/small.score`, '-', '--now', acceptanceNow, '--id', hostile], { stdin });
    expect(stdout).toContain(shown);
    expect(stdout).not.toMatch(raw);
  });

  it('test: the test name and the lead id of a failing test', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-terminal-'));
    writeFileSync(join(dir, 'p.score'), 'fit:\n  when title contains word "CTO" add 10\n');
    writeFileSync(join(dir, 'p.test.score'), `now 2026-11-23T12:00:00Z\n\ntest "owned\u001b[2J"\n  lead\n    id "x\u001b]0;t\u0007"\n    title "CTO"\n  expect score 99\n`);
    const { stdout } = await runCli(['test', dir]);
    expect(stdout).toContain('FAIL owned\\u001b[2J');
    expect(stdout).not.toMatch(raw);
  });

  it('the field report names columns of a CSV header escaped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-terminal-'));
    writeFileSync(join(dir, 'leads.csv'), 'id,title,"notes\u001b[2J"\nA,CTO,x\n');
    const { stderr } = await runCli(['score', `${fixtures}/small.score`, join(dir, 'leads.csv'), '--now', acceptanceNow]);
    expect(stderr).toContain('notes\\u001b[2J');
    expect(stderr).not.toMatch(raw);
  });

  it('check and compile: the source line, the message and the file name of a diagnostic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-terminal-'));
    writeFileSync(join(dir, 'p\u001b[2J.score'), 'fit:\n  when titel = "\u009b" add 1 # \u001b]0;owned\u0007\n');
    for (const command of ['check', 'compile']) {
      const { stdout, stderr } = await runCli([command, 'p\u001b[2J.score'], { cwd: dir });
      expect(stdout + stderr).toContain('# \\u001b]0;owned\\u0007');
      expect(stdout + stderr).toContain('p\\u001b[2J.score:2:8');
      expect(stdout + stderr, command).not.toMatch(raw);
    }
  });

  it('fmt --check and --diff: the file names, and the lines of the diff', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadscore-terminal-'));
    writeFileSync(join(dir, 'a\u001b[31mb.score'), 'fit:\n\twhen   title = "\u001b[2J" add 1 # \u001b]0;t\u0007\r\n');
    const check = await runCli(['fmt', '--check', '.'], { cwd: dir });
    expect(check.stdout).toBe('a\\u001b[31mb.score\n');
    const diff = await runCli(['fmt', '--diff', '.'], { cwd: dir });
    expect(diff.stdout).toContain('-\twhen   title = "\\u001b[2J" add 1 # \\u001b]0;t\\u0007\r\n');
    // A CR before its LF is the file's line end, which the diff shows changing; harmless on a terminal.
    expect(diff.stdout.replace(/\r\n/g, '\n')).not.toMatch(raw);
  });

  it('errors that quote the command line: a path, an option', async () => {
    const missing = await runCli(['score', 'x\u001b[2J.score', 'leads.jsonl', '--now', acceptanceNow]);
    expect(missing.stderr).toBe('leadscore: cannot read policy x\\u001b[2J.score: no such file\n');
    const option = await runCli(['score', '--x\u009b']);
    expect(option.stderr).toContain("unknown option '--x\\u009b'");
    expect(missing.stderr + option.stderr).not.toMatch(raw);
  });

  it('JSON output: DEL and C1 controls, which JSON.stringify leaves raw, as escapes of the same value', async () => {
    const id = 'L\u009b2J\u007f\u001b';
    const { stdout } = await runCli(['score', `${fixtures}/small.score`, '-', '--now', acceptanceNow], { stdin: JSON.stringify({ id, title: 'CTO' }) });
    expect(stdout).toContain('"id":"L\\u009b2J\\u007f\\u001b"');
    expect(stdout).not.toMatch(raw);
    expect(JSON.parse(stdout).id).toBe(id);
  });
});
