/**
 * The compiler, the formatter and the language service on mutated policies: the example
 * policies and every policy of spec/language.md, with tokens and lines deleted, duplicated and
 * swapped, and odd characters, confusables, very long names, strings and numbers and very deep
 * nesting inserted. For every text:
 *
 * - `compile` returns and never throws; every diagnostic has a code, a message and a range inside
 *   the text whose lines and columns match its offsets; none is an internal error;
 * - the language service's diagnostics, completion, hover, definition, outline and formatting
 *   answer and never throw (at the start, the end and random places of the text);
 * - a policy that compiles without errors is formatted, the formatted text formats to itself and
 *   compiles without errors to the same rule graph (but for source positions and rule texts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { compile, renderDiagnostics, type CompileResult } from '../compiler/index.js';
import { formatPolicy } from '../language/index.js';
import { LanguageService, type Position as LspPosition } from '../language-service/index.js';
import { excerpt, expectThat, HostileFailure, thrown } from './failure.js';
import { applyMutations, describeMutation, mutations, type Mutation, type Sizes } from './mutations.js';

const root = join(import.meta.dirname, '..');

/** The valid policies the mutations start from: the examples and every policy of the language reference. */
export const basePolicies: readonly string[] = [
  ...readdirSync(join(root, 'examples'))
    .filter((name) => name.endsWith('.score') && !name.endsWith('.test.score'))
    .sort()
    .map((name) => readFileSync(join(root, 'examples', name), 'utf8')),
  ...[...readFileSync(join(root, 'spec', 'language.md'), 'utf8').matchAll(/^```score(?: [^\n]*)?\n([^]*?)^```$/gm)].map((match) => match[1]!),
];

export interface PolicyCase {
  base: number;
  mutations: Mutation[];
  /** Places the language service is asked about, taken modulo the text's length + 1. */
  places: number[];
}

export function policyCase(sizes: Sizes): fc.Arbitrary<PolicyCase> {
  return fc.record({ base: fc.nat({ max: basePolicies.length - 1 }), mutations: mutations(sizes), places: fc.array(fc.nat(), { maxLength: 4 }) });
}

export const policyText = (c: PolicyCase): string => applyMutations(basePolicies[c.base % basePolicies.length]!, c.mutations);

export function describePolicyCase(c: PolicyCase): string {
  return `base policy ${c.base}, mutations: ${c.mutations.map(describeMutation).join('; ')}\n${excerpt(policyText(c), 2000)}`;
}

/** The property: throws HostileFailure (or whatever the code under test threw) when it does not hold. */
export function checkPolicyCase(c: PolicyCase): void {
  checkPolicyText(policyText(c), c.places);
}

export function checkPolicyText(text: string, places: readonly number[] = []): void {
  let result: CompileResult;
  try {
    result = compile(text);
  } catch (error) {
    throw new HostileFailure(`compile threw: ${thrown(error)}`);
  }
  checkDiagnostics(text, result);
  try {
    renderDiagnostics(result.diagnostics, text, { fileName: 'hostile.score' });
  } catch (error) {
    throw new HostileFailure(`rendering the diagnostics threw: ${thrown(error)}`);
  }
  checkLanguageService(text, places);
  if (result.ir && !result.diagnostics.some((d) => d.severity === 'error')) checkFormatting(text, result);
}

/** Every diagnostic well-formed: a code, a message, a range inside the text that agrees with its offsets; no internal error. */
function checkDiagnostics(text: string, result: CompileResult): void {
  const lines = lineStarts(text);
  for (const d of result.diagnostics) {
    const where = `${d.code} ${JSON.stringify(d.message)}`;
    expectThat(/^LS\d{4}$/.test(d.code), () => `a diagnostic without a proper code: ${where}`);
    expectThat(d.code !== 'LS9001' && !/internal error/i.test(d.message), () => `an internal error: ${where}`);
    expectThat(typeof d.message === 'string' && d.message.trim() !== '', () => `a diagnostic without a message: ${where}`);
    // A diagnostic about an imported file has that file's positions; without a host there are none.
    if (d.range.file !== undefined) continue;
    const { start, end } = d.range;
    expectThat(
      0 <= start.offset && start.offset <= end.offset && end.offset <= text.length,
      () => `${where}: range ${start.offset}–${end.offset} is not inside the text of ${text.length} characters`,
    );
    for (const position of [start, end]) {
      const expected = positionAt(lines, position.offset);
      expectThat(
        position.line === expected.line && position.column === expected.column,
        () => `${where}: offset ${position.offset} is at ${expected.line}:${expected.column}, the diagnostic says ${position.line}:${position.column}`,
      );
    }
  }
  expectThat(result.ir !== undefined || result.diagnostics.some((d) => d.severity === 'error'), () => 'no rule graph, but no error');
}

/** Where each line starts: a line ends at LF, CRLF or a lone CR, as the compiler counts lines. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

function positionAt(starts: readonly number[], offset: number): { line: number; column: number } {
  let [line, high] = [0, starts.length - 1];
  while (line < high) {
    const mid = (line + high + 1) >> 1;
    if (starts[mid]! <= offset) line = mid;
    else high = mid - 1;
  }
  return { line: line + 1, column: offset - starts[line]! + 1 };
}

function checkLanguageService(text: string, places: readonly number[]): void {
  const service = new LanguageService();
  const file = 'hostile.score';
  const starts = lineStarts(text);
  const offsets = [0, text.length, ...places.map((place) => place % (text.length + 1))];
  const positions: LspPosition[] = offsets.map((offset) => {
    const { line, column } = positionAt(starts, offset);
    return { line: line - 1, character: column - 1 };
  });
  const ask = (what: string, question: () => unknown) => {
    try {
      return question();
    } catch (error) {
      throw new HostileFailure(`the language service's ${what} threw: ${thrown(error)}`);
    }
  };
  ask('diagnostics', () => service.diagnostics(file, text));
  for (const position of positions) {
    const at = `at ${position.line}:${position.character}`;
    ask(`completion ${at}`, () => service.complete(file, text, position));
    ask(`hover ${at}`, () => service.hover(file, text, position));
    ask(`definition ${at}`, () => service.definition(file, text, position));
  }
  ask('outline', () => service.documentSymbols(file, text));
  ask('folding', () => service.foldingRanges(file, text));
  const formatted = ask('formatting', () => service.format(file, text)) as { error?: string };
  expectThat(!/please report/i.test(formatted.error ?? ''), () => `the language service's formatting failed: ${formatted.error}`);
}

/** A policy that compiles is formatted; the output formats to itself and compiles to the same rule graph. */
function checkFormatting(text: string, result: CompileResult): void {
  let formatted: ReturnType<typeof formatPolicy>;
  try {
    formatted = formatPolicy(text);
  } catch (error) {
    throw new HostileFailure(`fmt threw on a policy that compiles: ${thrown(error)}`);
  }
  expectThat(formatted.diagnostics.length === 0, () => `fmt refuses a policy that compiles: ${formatted.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const again = formatPolicy(formatted.text);
  expectThat(again.text === formatted.text, () => `fmt is not idempotent:\n--- once:\n${excerpt(formatted.text, 2000)}\n--- twice:\n${excerpt(again.text, 2000)}`);
  const reformatted = compile(formatted.text);
  const errors = reformatted.diagnostics.filter((d) => d.severity === 'error');
  expectThat(
    errors.length === 0 && reformatted.ir !== undefined,
    () => `fmt's output does not compile: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}\n--- fmt's output:\n${excerpt(formatted.text, 2000)}`,
  );
  const [before, after] = [withoutLayout(result.ir), withoutLayout(reformatted.ir)];
  expectThat(before === after, () => `fmt changes the rule graph:\n${firstDifference(before, after)}\n--- fmt's output:\n${excerpt(formatted.text, 2000)}`);
}

/** Keys that depend on layout or on how a rule is written: source ranges and lines, the graph's hash, rule texts. */
const layoutKeys = new Set(['range', 'line', 'hash', 'text', 'rule']);
const withoutLayout = (value: unknown): string => JSON.stringify(value, (key, inner: unknown) => (layoutKeys.has(key) ? undefined : inner));

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 120);
  return `  …${a.slice(from, i + 120)}\n  …${b.slice(from, i + 120)}`;
}
