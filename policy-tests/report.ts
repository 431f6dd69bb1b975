import type { Explanation } from '../runtime/index.js';
import { printable } from '../runtime/support.js';
import type { Coverage } from './coverage.js';
import { formatPoints, type TestResult } from './run.js';

/** One test file as the reports see it: its results, or the rendered reason it could not run. */
export interface FileReport {
  path: string;
  results: TestResult[];
  /** Rendered diagnostics when the file (or its policy) has errors; then no test ran. */
  broken?: string;
}

export interface Totals {
  passed: number;
  failed: number;
  broken: number;
}

export function totals(files: readonly FileReport[]): Totals {
  const all = files.flatMap((file) => file.results);
  const failed = all.filter((result) => result.failures.length > 0).length;
  return { passed: all.length - failed, failed, broken: files.filter((file) => file.broken !== undefined).length };
}

/** `5 passed, 1 failed`, and how many files could not run. */
export function formatSummary({ passed, failed, broken }: Totals): string {
  const files = broken === 0 ? '' : `; ${broken} test file${broken === 1 ? '' : 's'} could not run`;
  return `${passed} passed, ${failed} failed${files}\n`;
}

/** For a person: every test with ok/FAIL, each failure with expected and actual and the lead's reasons. */
export function formatText(files: readonly FileReport[]): string {
  const out: string[] = [];
  for (const file of files) {
    out.push(file.path);
    if (file.broken !== undefined) {
      out.push('  could not run:', '', file.broken.trimEnd(), '');
      continue;
    }
    for (const result of file.results) {
      const where = `${file.path}:${result.test.range.start.line}`;
      if (result.failures.length === 0) {
        out.push(`  ok   ${result.test.name}`);
        continue;
      }
      out.push(`  FAIL ${result.test.name} (${where})`);
      for (const failure of result.failures) {
        out.push(`    line ${failure.line}: ${failure.text}`, `      expected: ${failure.expected}`, `      actual:   ${failure.actual}`);
      }
      out.push(...outcomeLines(result.explanation).map((line) => `    ${line}`));
    }
    out.push('');
  }
  // Test names, ids and values come from the test files and leads: a terminal shows them, never obeys them.
  return printable(out.join('\n'), { keepLineBreaks: true }) + (out.length > 0 ? '\n' : '');
}

/** The lead's result and every reason, as `leadscore score --explain` gives them. */
function outcomeLines(explanation: Explanation): string[] {
  const label = (value: string | null) => (value === null ? 'none' : JSON.stringify(value));
  const sections = Object.entries(explanation.dimensions).map(([name, points]) => `${name} ${points}`);
  const lines = [
    `the lead got: score ${[explanation.score, ...sections].join(', ')}; grade ${label(explanation.grade)}, stage ${label(explanation.stage)}, route ${label(explanation.route)}${explanation.blacklisted ? '; blacklisted' : ''}`,
  ];
  if (explanation.reasons.length === 0) {
    lines.push('reasons: no rule fired');
    return lines;
  }
  lines.push('reasons:');
  const points = explanation.reasons.map((reason) => (reason.blacklist ? 'blacklist' : formatPoints(reason.points)));
  const width = Math.max(...points.map((p) => p.length));
  const lineWidth = Math.max(...explanation.reasons.map((reason) => String(reason.line).length));
  explanation.reasons.forEach((reason, i) => {
    const events = reason.events === undefined ? '' : ` (${reason.events} event${reason.events === 1 ? '' : 's'})`;
    lines.push(`  ${points[i]!.padStart(width)}  line ${String(reason.line).padEnd(lineWidth)}  ${reason.section ?? '(total)'}: ${reason.rule}${events}`);
  });
  return lines;
}

export interface PolicyCoverage {
  policy: string;
  tests: number;
  coverage: Coverage;
}

/** Which rules and decision rows no test exercises: exact counts, then each line. */
export function formatCoverage(entries: readonly PolicyCoverage[]): string {
  const out: string[] = [];
  for (const { policy, tests, coverage } of entries) {
    out.push(`coverage of ${policy} (${tests} test${tests === 1 ? '' : 's'}):`);
    for (const [what, part] of [
      ['rules', coverage.rules],
      ['decision rows', coverage.rows],
    ] as const) {
      const missing = part.notExercised;
      out.push(`  ${what}: ${part.exercised}/${part.total} exercised${missing.length === 0 ? '' : '; not exercised:'}`);
      const width = Math.max(0, ...missing.map((item) => String(item.line).length));
      for (const item of missing) out.push(`    ${item.file === undefined ? '' : `${item.file} `}line ${String(item.line).padEnd(width)}  ${item.text}`);
    }
  }
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

/**
 * Text as XML 1.0 holds it, in an element or an attribute. Test names, lead ids and values come from
 * test files and leads: control characters (which XML cannot hold, or a terminal showing the report
 * would obey) are written as their escapes, `\u001b`, as the text report writes them; so are lone
 * surrogates and U+FFFE/U+FFFF, which are no XML characters. In an attribute, a line break is a
 * character reference, which a parser keeps (a raw one it reads as a space).
 */
function escapeXml(text: string, attribute = false): string {
  const escaped = printable(text, { keepLineBreaks: true })
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16)}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  return attribute ? escaped.replace(/\n/g, '&#10;') : escaped;
}

/** JUnit XML, as CI systems read it: a suite per test file, a case per test; a file that could not run is one case with an error. */
export function formatJunit(files: readonly FileReport[]): string {
  const all = totals(files);
  const attr = (name: string, value: string | number) => ` ${name}="${escapeXml(String(value), true)}"`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attr('name', 'leadscore')}${attr('tests', all.passed + all.failed + all.broken)}${attr('failures', all.failed)}${attr('errors', all.broken)}>`,
  ];
  for (const file of files) {
    const failed = file.results.filter((result) => result.failures.length > 0).length;
    const tests = file.broken === undefined ? file.results.length : 1;
    out.push(`  <testsuite${attr('name', file.path)}${attr('tests', tests)}${attr('failures', failed)}${attr('errors', file.broken === undefined ? 0 : 1)}>`);
    if (file.broken !== undefined) {
      out.push(`    <testcase${attr('classname', file.path)}${attr('name', 'the test file could not run')}${attr('file', file.path)}>`);
      out.push(`      <error${attr('message', 'the test file or its policy has errors')}>${escapeXml(file.broken)}</error>`);
      out.push('    </testcase>');
    }
    for (const result of file.results) {
      const open = `    <testcase${attr('classname', file.path)}${attr('name', result.test.name)}${attr('file', file.path)}${attr('line', result.test.range.start.line)}`;
      if (result.failures.length === 0) {
        out.push(`${open}/>`);
        continue;
      }
      const first = result.failures[0]!;
      const message = `${first.text}: expected ${first.expected}, got ${first.actual}${result.failures.length > 1 ? ` (and ${result.failures.length - 1} more)` : ''}`;
      const body = [
        ...result.failures.map((failure) => `line ${failure.line}: ${failure.text}\n  expected: ${failure.expected}\n  actual:   ${failure.actual}`),
        ...outcomeLines(result.explanation),
      ].join('\n');
      out.push(`${open}>`, `      <failure${attr('message', message)}${attr('type', 'expectation')}>${escapeXml(body)}</failure>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
