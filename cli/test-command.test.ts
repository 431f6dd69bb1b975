import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { printable } from '../runtime/support.js';
import { readRepoFile, runCli, stackTraceLine } from '../test-support/harness.js';

/** A fresh directory holding these files (path → text); commands run there, so output shows short paths. */
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-test-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const policy = readRepoFile('examples/b2b-saas.score');

const passing = `now 2026-11-23T12:00:00Z
test "a CTO who asked for a demo"
  lead
    title "CTO"
    phone "+49 30 1234"
    events
      request demo 1 day ago
  expect fit 15
  expect stage "MQL"
`;

const failing = `test "a competitor is blacklisted"
  lead
    email "carol@acme.com"
    title "VP Sales"
  expect not blacklisted
  expect route "Marketing"
  expect fit 20
`;

const broken = `test "broken"
  lead
    title CTO
  expect stage "SQL"
`;

interface JunitCase {
  '@_name': string;
  '@_classname': string;
  '@_line'?: string;
  failure?: { '@_message': string; '#text': string };
  error?: { '@_message': string; '#text': string };
}
interface JunitSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  testcase: JunitCase[];
}

function parseJunit(xml: string) {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  return parser.parse(xml) as { testsuites: { '@_tests': string; '@_failures': string; '@_errors': string; testsuite: JunitSuite[] } };
}

describe('leadscore test', () => {
  it("runs the examples' tests: all pass, exit 0", async () => {
    const { code, stdout, stderr } = await runCli(['test', 'examples']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('  ok   L1: CTO at a software company who asked for a demo is an SQL\n');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('15 passed, 0 failed');
  });

  it('finds *.test.score files in the current directory and below, skipping node_modules', async () => {
    const cwd = workspace({
      'b2b-saas.score': policy,
      'b2b-saas.test.score': passing,
      'team/b2b-saas.score': policy,
      'team/b2b-saas.test.score': passing,
      'node_modules/pkg/b2b-saas.test.score': broken,
      'notes.score': 'policy "not a test"\n',
    });
    const { code, stdout } = await runCli(['test'], { cwd });
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((line) => line.endsWith('.test.score'))).toEqual(['b2b-saas.test.score', 'team/b2b-saas.test.score']);
    expect(stdout).toContain('2 passed, 0 failed\n');
  });

  it("prints each failure with expected and actual and the lead's reasons, and exits 1", async () => {
    const cwd = workspace({ 'b2b-saas.score': policy, 'b2b-saas.test.score': passing + '\n' + failing });
    const { code, stdout, stderr } = await runCli(['test', 'b2b-saas.test.score'], { cwd });
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain('1 passed, 1 failed\n');
    await expect(stdout).toMatchFileSnapshot('./__golden__/test-failure.txt');
  });

  it('--coverage lists the rules and decision rows no test exercised, with exact counts', async () => {
    const cwd = workspace({ 'b2b-saas.score': policy, 'b2b-saas.test.score': passing });
    const { code, stdout } = await runCli(['test', '--coverage'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toContain('  rules: 2/15 exercised; not exercised:\n');
    expect(stdout).toContain('  decision rows: 3/10 exercised; not exercised:\n');
    await expect(stdout).toMatchFileSnapshot('./__golden__/test-coverage.txt');
  });

  it('--coverage of the examples: every rule and row is exercised', async () => {
    const { stdout } = await runCli(['test', 'examples', '--coverage']);
    expect(stdout).toContain(
      [
        'coverage of examples/b2b-saas.score (7 tests):',
        '  rules: 15/15 exercised',
        '  decision rows: 10/10 exercised',
        'coverage of examples/product-led.score (4 tests):',
        '  rules: 12/12 exercised',
        '  decision rows: 10/10 exercised',
        'coverage of examples/product-lines.score (4 tests):',
        '  rules: 15/15 exercised',
        '  decision rows: 7/7 exercised',
      ].join('\n'),
    );
  });

  it('warns on standard error about a bare `expect rule at line N`, and still runs the tests', async () => {
    const cwd = workspace({ 'b2b-saas.score': policy, 'b2b-saas.test.score': `${passing}  expect rule at line 21 fired\n  expect rule at line 21 "request demo" fired\n` });
    const { code, stdout, stderr } = await runCli(['test'], { cwd });
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
    expect(stderr).toContain('warning LT1006: `expect rule at line 21` does not say which rule it means');
    expect(stderr).toContain(' --> b2b-saas.test.score:10:23\n');
    expect(stderr).toContain('b2b-saas.test.score: 0 errors, 1 warning');
  });

  it('reports a broken test file with rendered diagnostics, runs the others, and exits 1', async () => {
    const cwd = workspace({ 'b2b-saas.score': policy, 'a.test.score': `policy "b2b-saas.score"\n${broken}`, 'b2b-saas.test.score': passing });
    const { code, stdout, stderr } = await runCli(['test'], { cwd });
    expect(code).toBe(1);
    expect(stderr).not.toMatch(stackTraceLine);
    expect(stdout).toContain('error LT1001: expected a value: a string in double quotes, a number, `true` or `false`, found `CTO`\n --> a.test.score:4:11\n');
    expect(stdout).toContain('  ok   a CTO who asked for a demo\n');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed; 1 test file could not run');
  });

  it('a missing policy, or one with errors, is a diagnostic at the test that needs it', async () => {
    const cwd = workspace({
      'lonely.test.score': passing,
      'named.test.score': passing.replace('test "', 'policy "policies/broken.score"\ntest "'),
      'policies/broken.score': 'fit:\n  when titel = "x" add 5\n',
    });
    const { code, stdout } = await runCli(['test'], { cwd });
    expect(code).toBe(1);
    expect(stdout).toContain('error LT2007: cannot read policy lonely.score: no such file\n --> lonely.test.score:2:1\n');
    expect(stdout).toContain('error LT2007: the policy policies/broken.score has errors\n --> named.test.score:2:1\n');
    expect(stdout).toContain('error LS2001: ');
    expect(stdout).toContain('--> policies/broken.score:2:8');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 0 failed; 2 test files could not run');
  });

  it('a file or directory that does not exist, or a directory without tests, is an error', async () => {
    const cwd = workspace({ 'empty/readme.txt': 'no tests here\n' });
    const missing = await runCli(['test', 'nope.test.score'], { cwd });
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'leadscore: cannot read nope.test.score: no such file\n' });
    const empty = await runCli(['test', 'empty'], { cwd });
    expect(empty).toEqual({ code: 1, stdout: '', stderr: 'leadscore: no test files (*.test.score) in empty\n' });
  });

  describe('--reporter junit', () => {
    const files = () => workspace({ 'b2b-saas.score': policy, 'b2b-saas.test.score': passing + '\n' + failing, 'z-broken.test.score': broken });

    it('writes JUnit XML to stdout: a suite per file, a case per test, failures and errors', async () => {
      const { code, stdout, stderr } = await runCli(['test', '--reporter', 'junit'], { cwd: files() });
      expect(code).toBe(1);
      expect(stderr).toBe('1 passed, 1 failed; 1 test file could not run\n');
      expect(stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
      const { testsuites } = parseJunit(stdout);
      expect([testsuites['@_tests'], testsuites['@_failures'], testsuites['@_errors']]).toEqual(['3', '1', '1']);
      const [suite, brokenSuite] = testsuites.testsuite;
      expect([suite!['@_name'], suite!['@_tests'], suite!['@_failures'], suite!['@_errors']]).toEqual(['b2b-saas.test.score', '2', '1', '0']);
      const [ok, failed] = suite!.testcase;
      expect(ok).toMatchObject({ '@_name': 'a CTO who asked for a demo', '@_classname': 'b2b-saas.test.score', '@_line': '2' });
      expect(ok!.failure).toBeUndefined();
      expect(failed!['@_name']).toBe('a competitor is blacklisted');
      expect(failed!.failure!['@_message']).toBe('expect not blacklisted: expected not blacklisted, got blacklisted (and 2 more)');
      expect(failed!.failure!['#text']).toContain('line 16: expect route "Marketing"\n  expected: "Marketing"\n  actual:   none');
      expect(failed!.failure!['#text']).toContain('blacklist  line 25  (total): when domain in competitors blacklist');
      expect([brokenSuite!['@_name'], brokenSuite!['@_errors']]).toEqual(['z-broken.test.score', '1']);
      expect(brokenSuite!.testcase[0]!.error!['#text']).toContain('error LT1001');
    });

    it('stays well-formed XML, and safe on a terminal, whatever the test names, lead ids and values hold', async () => {
      // NUL and ESC are no XML 1.0 characters, nor is U+FFFF; C1 CSI (U+009B) and DEL are, but a terminal
      // obeys them. Before, NUL and ESC were dropped silently and the others written raw: a parser refused the report.
      const hostile = 'a\u0000b\u001b[2Jc\u009bd\u007fe\uffff]]>&<';
      const shown = 'a\\u0000b\\u001b[2Jc\\u009bd\\u007fe\\uffff]]&gt;&amp;&lt;';
      const literal = `"${hostile}"`;
      const test = `now 2026-11-23T12:00:00Z\ntest ${literal}\n  lead\n    id ${literal}\n    title ${literal}\n  expect stage ${literal}\n`;
      const { stdout } = await runCli(['test', '--reporter', 'junit'], { cwd: workspace({ 'b2b-saas.score': policy, 'b2b-saas.test.score': test }) });
      expect(stdout).not.toMatch(/[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u);
      expect(stdout).toContain(`name="${shown}"`);
      const failure = parseJunit(stdout).testsuites.testsuite[0]!.testcase[0]!.failure!;
      const escaped = printable(hostile).replace('\uffff', '\\uffff');
      expect(failure['@_message']).toBe(`expect stage "${escaped}": expected "${escaped}", got "Nurture"`);
    });

    it('--output writes the XML to a file and the text report to stdout', async () => {
      const cwd = files();
      const { code, stdout } = await runCli(['test', '--reporter', 'junit', '--output', 'report.xml'], { cwd });
      expect(code).toBe(1);
      expect(stdout).toContain('  FAIL a competitor is blacklisted');
      const { testsuites } = parseJunit(readFileSync(join(cwd, 'report.xml'), 'utf8'));
      expect(testsuites.testsuite.map((suite) => suite['@_name'])).toEqual(['b2b-saas.test.score', 'z-broken.test.score']);
    });

    it('all passing: zero failures and errors, exit 0', async () => {
      const cwd = workspace({ 'b2b-saas.score': policy, 'b2b-saas.test.score': passing });
      const { code, stdout } = await runCli(['test', '--reporter', 'junit'], { cwd });
      expect(code).toBe(0);
      const { testsuites } = parseJunit(stdout);
      expect([testsuites['@_tests'], testsuites['@_failures'], testsuites['@_errors']]).toEqual(['1', '0', '0']);
    });

    it('--output without --reporter junit is an error', async () => {
      expect(await runCli(['test', 'examples', '--output', 'x.xml'])).toEqual({
        code: 1,
        stdout: '',
        stderr: 'leadscore: --output writes the JUnit XML: use it with --reporter junit\n',
      });
    });

    it('an unknown reporter is a usage error', async () => {
      const { code, stderr } = await runCli(['test', '--reporter', 'tap']);
      expect(code).toBe(1);
      expect(stderr).toContain("option '--reporter <reporter>' argument 'tap' is invalid");
    });
  });
});
