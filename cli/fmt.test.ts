import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';

const messy = 'fit:\n    when title = "CEO"   add 15\n    when open email add 5 each at most 15\n';
const tidy = 'fit:\n  when title = "CEO" add 15\n  when open email add 5 each, at most 15\n';
const broken = 'fit:\n  when title = "CEO add 15\n';

/** A temporary folder with these files; the commands run in it. */
function workspace(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'leadscore-fmt-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(directory, path, '..'), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
  return directory;
}

function read(directory: string, path: string): string {
  return readFileSync(join(directory, path), 'utf8');
}

describe('leadscore fmt', () => {
  it('rewrites the files that change, lists them, and leaves formatted files alone', async () => {
    const cwd = workspace({ 'a.score': messy, 'b.score': tidy });
    const { code, stdout, stderr } = await runCli(['fmt', 'a.score', 'b.score'], { cwd });
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: 'a.score\n', stderr: '' });
    expect(read(cwd, 'a.score')).toBe(tidy);
    expect(read(cwd, 'b.score')).toBe(tidy);
    expect(await runCli(['fmt', 'a.score'], { cwd })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('formats every .score file under a directory, recursively, and nothing else', async () => {
    const cwd = workspace({
      'policies/a.score': messy,
      'policies/team/b.score': messy,
      'policies/team/notes.txt': messy,
      'policies/team/b.test.score': 'a test file   has its own syntax\n',
    });
    const { code, stdout } = await runCli(['fmt', 'policies'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toBe(`${join('policies', 'a.score')}\n${join('policies', 'team', 'b.score')}\n`);
    expect(read(cwd, 'policies/team/b.score')).toBe(tidy);
    expect(read(cwd, 'policies/team/notes.txt')).toBe(messy);
    expect(read(cwd, 'policies/team/b.test.score')).toBe('a test file   has its own syntax\n');
  });

  it('--check lists the files that would change, writes nothing, and exits 1', async () => {
    const cwd = workspace({ 'a.score': messy, 'b.score': tidy, 'c.score': messy });
    const { code, stdout, stderr } = await runCli(['fmt', '--check', 'a.score', 'b.score', 'c.score'], { cwd });
    expect(code).toBe(1);
    expect(stdout).toBe('a.score\nc.score\n');
    expect(stderr).toBe('leadscore: 2 files are not formatted; run `leadscore fmt` on them\n');
    expect(read(cwd, 'a.score')).toBe(messy);
  });

  it('--check exits 0 and prints nothing when every file is formatted', async () => {
    const cwd = workspace({ 'b.score': tidy });
    expect(await runCli(['fmt', '--check', '.'], { cwd })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--diff prints a unified diff and writes nothing', async () => {
    const cwd = workspace({ 'a.score': messy, 'b.score': tidy });
    const { code, stdout, stderr } = await runCli(['fmt', '--diff', 'a.score', 'b.score'], { cwd });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      [
        '--- a.score',
        '+++ a.score',
        '@@ -1,3 +1,3 @@',
        ' fit:',
        '-    when title = "CEO"   add 15',
        '-    when open email add 5 each at most 15',
        '+  when title = "CEO" add 15',
        '+  when open email add 5 each, at most 15',
        '',
      ].join('\n'),
    );
    expect(read(cwd, 'a.score')).toBe(messy);
  });

  it('--check --diff prints the diff and exits 1', async () => {
    const cwd = workspace({ 'a.score': messy });
    const { code, stdout } = await runCli(['fmt', '--check', '--diff', 'a.score'], { cwd });
    expect(code).toBe(1);
    expect(stdout).toContain('+  when title = "CEO" add 15\n');
    expect(read(cwd, 'a.score')).toBe(messy);
  });

  it('reports a file with syntax errors with its diagnostics, leaves it alone, formats the others, and exits 1', async () => {
    const cwd = workspace({ 'bad.score': broken, 'a.score': messy });
    const { code, stdout, stderr } = await runCli(['fmt', 'bad.score', 'a.score'], { cwd });
    expect(code).toBe(1);
    expect(stdout).toBe('a.score\n');
    expect(stderr).toContain('error LS1002');
    expect(stderr).toContain('--> bad.score:2:16');
    expect(stderr).toContain('leadscore: bad.score has syntax errors; it was not formatted\n');
    expect(read(cwd, 'bad.score')).toBe(broken);
    expect(read(cwd, 'a.score')).toBe(tidy);
  });

  it('says which file is missing, formats the others, and exits 1', async () => {
    const cwd = workspace({ 'a.score': messy });
    const { code, stdout, stderr } = await runCli(['fmt', 'missing.score', 'a.score'], { cwd });
    expect(code).toBe(1);
    expect(stdout).toBe('a.score\n');
    expect(stderr).toBe('leadscore: cannot read missing.score: no such file\n');
  });

  it('needs at least one file', async () => {
    const { code, stderr } = await runCli(['fmt']);
    expect(code).toBe(1);
    expect(stderr).toContain("missing required argument 'files'");
  });

  it('keeps the repository examples formatted', async () => {
    expect(await runCli(['fmt', '--check', 'examples'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
