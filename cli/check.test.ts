import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, readRepoFile, runCli } from '../test-support/harness.js';

interface JsonReport {
  file: string;
  errors: number;
  warnings: number;
  diagnostics: {
    code: string;
    severity: string;
    message: string;
    range: { start: { line: number; column: number }; end: { line: number; column: number } };
    suggestions: string[];
    help?: string;
  }[];
}

describe('leadscore check', () => {
  it('reports a clean policy with a summary line and exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['check', 'examples/b2b-saas.score']);
    expect(code).toBe(0);
    expect(stdout).toBe('examples/b2b-saas.score: 0 errors, 0 warnings\n');
    expect(stderr).toBe('');
  });

  it('renders every error with its code, position and carets, and exits 1', async () => {
    const { code, stdout, stderr } = await runCli(['check', `${fixtures}/errors.score`]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    // One block per mistake: five mistakes, five diagnostics, in source order.
    expect(stdout.match(/^error LS\d{4}/gm)).toEqual(['error LS2001', 'error LS3001', 'error LS2002', 'error LS2003', 'error LS1005']);
    expect(stdout).toContain(`--> ${fixtures}/errors.score:6:8`);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`${fixtures}/errors.score: 5 errors, 0 warnings`);
    expect(stdout).not.toContain('\x1b[');
    await expect(stdout).toMatchFileSnapshot('./__golden__/check-errors.txt');
  });

  it('exits 0 when there are only warnings, and still shows them', async () => {
    const { code, stdout } = await runCli(['check', `${fixtures}/warnings.score`]);
    expect(code).toBe(0);
    expect(stdout.match(/^warning LS\d{4}/gm)).toEqual(['warning LS4004', 'warning LS4005']);
    expect(stdout).toContain(`${fixtures}/warnings.score: 0 errors, 2 warnings`);
    await expect(stdout).toMatchFileSnapshot('./__golden__/check-warnings.txt');
  });

  it('colours the output for a terminal', async () => {
    const { stdout } = await runCli(['check', `${fixtures}/errors.score`], { tty: true });
    expect(stdout).toContain('\x1b[31m');
  });

  describe('--format json', () => {
    const report = async (file: string) => {
      const result = await runCli(['check', file, '--format', 'json']);
      return { ...result, report: JSON.parse(result.stdout) as JsonReport };
    };

    it('gives file, counts and every diagnostic with code, severity, message, range and suggestions; exit 1 on errors', async () => {
      const { code, report: json, stderr } = await report(`${fixtures}/errors.score`);
      expect(code).toBe(1);
      expect(stderr).toBe('');
      expect(json.file).toBe(`${fixtures}/errors.score`);
      expect(json.errors).toBe(5);
      expect(json.warnings).toBe(0);
      expect(json.diagnostics.map((d) => d.code)).toEqual(['LS2001', 'LS3001', 'LS2002', 'LS2003', 'LS1005']);
      for (const diagnostic of json.diagnostics) {
        expect(Object.keys(diagnostic)).toEqual(expect.arrayContaining(['code', 'severity', 'message', 'range', 'suggestions']));
        expect(diagnostic.severity).toBe('error');
        expect(diagnostic.message).not.toBe('');
        expect(Array.isArray(diagnostic.suggestions)).toBe(true);
      }
      expect(json.diagnostics[0]).toMatchObject({
        code: 'LS2001',
        message: expect.stringContaining('`titel`'),
        range: { start: { line: 6, column: 8 }, end: { line: 6, column: 13 } },
        suggestions: ['title'],
      });
      expect(json.diagnostics[2]?.suggestions).toEqual(['competitors']);
      expect(json.diagnostics[3]?.suggestions).toEqual(['download']);
      // No suggestion exists for a type error: the key is still there, empty.
      expect(json.diagnostics[1]?.suggestions).toEqual([]);
    });

    it('exits 0 with warnings only, counting them', async () => {
      const { code, report: json } = await report(`${fixtures}/warnings.score`);
      expect(code).toBe(0);
      expect(json).toMatchObject({ errors: 0, warnings: 2 });
      expect(json.diagnostics.map((d) => [d.code, d.severity])).toEqual([
        ['LS4004', 'warning'],
        ['LS4005', 'warning'],
      ]);
    });

    it('exits 0 with an empty list for a clean policy', async () => {
      const { code, report: json } = await report('examples/b2b-saas.score');
      expect(code).toBe(0);
      expect(json).toEqual({ file: 'examples/b2b-saas.score', errors: 0, warnings: 0, diagnostics: [] });
    });
  });

  it('says so when the policy file does not exist', async () => {
    const { code, stdout, stderr } = await runCli(['check', 'no/such/policy.score']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('leadscore: cannot read policy no/such/policy.score: no such file\n');
  });

  it('checks every policy under a directory, leaving out test files', async () => {
    const { code, stdout, stderr } = await runCli(['check', 'examples']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(['examples/b2b-saas.score', 'examples/product-led.score', 'examples/product-lines.score'].map((file) => `${file}: 0 errors, 0 warnings\n`).join(''));
  });

  it('points a test file to `leadscore test`', async () => {
    const { code, stderr } = await runCli(['check', 'examples/b2b-saas.test.score']);
    expect(code).toBe(1);
    expect(stderr).toBe('leadscore: examples/b2b-saas.test.score holds tests, not a policy: run `leadscore test examples/b2b-saas.test.score`\n');
  });

  it('says so when a directory holds no policy', async () => {
    const { code, stderr } = await runCli(['check', 'cli/__golden__']);
    expect(code).toBe(1);
    expect(stderr).toBe('leadscore: no policies (*.score) in cli/__golden__\n');
  });

  it('rejects an unknown --format, naming the choices', async () => {
    const { code, stdout, stderr } = await runCli(['check', 'examples/b2b-saas.score', '--format', 'xml']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain("leadscore: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json.");
    expect(stderr).toContain('leadscore check --help');
  });

  it('reads a policy saved with a byte-order mark and CRLF line ends (as Windows editors do)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leadscore-check-'));
    const source = readRepoFile(`${fixtures}/small.score`).replace(/\n/g, '\r\n');
    writeFileSync(join(folder, 'windows.score'), '\ufeff' + source);
    const { code, stdout } = await runCli(['check', 'windows.score'], { cwd: folder });
    expect(code).toBe(0);
    expect(stdout).toBe('windows.score: 0 errors, 0 warnings\n');
  });
});
