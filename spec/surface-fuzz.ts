/**
 * The surface-syntax fuzzer: generates policies in the whole surface syntax (see
 * `randomSurfacePolicy`) and checks, for each, that
 *
 * - `accepted`: it compiles without errors;
 * - `one-line`: it means what the same policy written one statement per line means: the same
 *   rule graph (but for source positions) and the same results on its leads, each rule's text
 *   in the reasons the same but for spacing;
 * - `fmt`: `fmt` formats it, its output is formatted again unchanged (idempotent), and means the
 *   same: the same rule graph and the same results;
 * - `backends`: the generated code and the interpreter give identical results on its leads.
 *
 * `npm test` runs a few hundred seeds (spec/surface-fuzz.test.ts); `npm run fuzz` runs as many as
 * asked and shrinks a failure to the smallest policy that still fails the same way.
 */
import { compile, type CompileResult } from '../compiler/index.js';
import { formatPolicy } from '../language/index.js';
import { loadPolicy, type Policy, type PolicyIr } from '../runtime/index.js';
import {
  randomSurfaceLead,
  randomSurfacePolicy,
  renderPolicy,
  seededRandom,
  statementTokens,
  type Condition,
  type Line,
  type SectionBlock,
  type Statement,
  type SurfacePolicy,
} from './random-policy.js';

export const fuzzNow = Date.parse('2026-11-23T12:00:00Z');

export interface FuzzCase {
  seed: number;
  policy: SurfacePolicy;
  leads: Array<Record<string, unknown>>;
}

export type Check = 'accepted' | 'one-line' | 'fmt' | 'backends';

export interface Failure {
  check: Check;
  /** What went wrong, for people. */
  message: string;
  /** What must stay the same while shrinking: the check and, for errors, the first code. */
  signature: string;
}

/** The policy and leads of a seed: always the same ones. */
export function fuzzCase(seed: number, leadsPerPolicy = 20): FuzzCase {
  const random = seededRandom(seed);
  const policy = randomSurfacePolicy(random);
  const leads = Array.from({ length: leadsPerPolicy }, (_, i) => randomSurfaceLead(random, policy.vocabulary, fuzzNow, i));
  return { seed, policy, leads };
}

/** The first check the case fails, or undefined when it passes them all. */
export function checkCase(fuzz: FuzzCase): Failure | undefined {
  const text = renderPolicy(fuzz.policy);
  let stage: Check = 'accepted';
  try {
    const surface = compile(text);
    const errors = errorsOf(surface);
    if (errors) return { check: 'accepted', message: errors, signature: `accepted ${firstError(surface)}` };

    // What the policy gives its leads, without what depends on layout; every rewriting must give the same.
    const interpreter = loadPolicy(surface.ir!, { backend: 'interpreter' });
    const expected = { ir: surface.ir!, results: fuzz.leads.map((lead) => outcome(interpreter, lead)) };

    stage = 'one-line';
    const plain = compile(renderPolicy(fuzz.policy, { layout: false }));
    const plainErrors = errorsOf(plain);
    if (plainErrors) return { check: 'one-line', message: `the policy on one line per statement does not compile:\n${plainErrors}`, signature: `one-line ${firstError(plain)}` };
    const sameAsPlain = sameMeaning(expected, plain.ir!, fuzz.leads, 'spacing');
    if (sameAsPlain)
      return { check: 'one-line', message: `with its line breaks, the policy means something else than on one line per statement: ${sameAsPlain}`, signature: 'one-line' };

    stage = 'fmt';
    const formatted = formatPolicy(text);
    if (formatted.diagnostics.length > 0) return { check: 'fmt', message: `fmt refuses it: ${formatted.diagnostics.map((d) => d.message).join('; ')}`, signature: 'fmt refuses' };
    const again = formatPolicy(formatted.text);
    if (again.text !== formatted.text) return { check: 'fmt', message: `fmt is not idempotent:\n${firstDifference(formatted.text, again.text)}`, signature: 'fmt idempotent' };
    const reformatted = compile(formatted.text);
    const formattedErrors = errorsOf(reformatted);
    if (formattedErrors)
      return {
        check: 'fmt',
        message: `fmt's output does not compile:\n${formattedErrors}\n--- fmt's output:\n${formatted.text}`,
        signature: `fmt compiles ${firstError(reformatted)}`,
      };
    const sameAsFormatted = sameMeaning(expected, reformatted.ir!, fuzz.leads, 'words');
    if (sameAsFormatted) return { check: 'fmt', message: `fmt changes the meaning: ${sameAsFormatted}\n--- fmt's output:\n${formatted.text}`, signature: 'fmt meaning' };

    stage = 'backends';
    const generated = loadPolicy(surface.ir!, { backend: 'generated' });
    for (const [i, lead] of fuzz.leads.entries()) {
      const [interpreted, actual] = [expected.results[i]!, outcome(generated, lead)];
      if (JSON.stringify(actual) !== JSON.stringify(interpreted) || !Object.is(scoreOf(actual), scoreOf(interpreted))) {
        return {
          check: 'backends',
          message: `lead ${i} ${JSON.stringify(lead)}:\n  interpreter ${JSON.stringify(interpreted)}\n  generated   ${JSON.stringify(actual)}`,
          signature: 'backends',
        };
      }
    }
  } catch (error) {
    return { check: stage, message: `threw ${(error as Error).stack ?? String(error)}`, signature: `${stage} threw ${(error as Error).message}` };
  }
  return undefined;
}

function errorsOf(result: CompileResult): string | undefined {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0 && result.ir) return undefined;
  return errors.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n') || 'no rule graph';
}

function firstError(result: CompileResult): string {
  return result.diagnostics.find((d) => d.severity === 'error')?.code ?? 'none';
}

/**
 * Why a rule graph means something else than the policy's own: a different graph or different
 * results on the leads, not counting source positions; undefined when it means the same. Rule
 * texts (`when … add 5`, as written) may differ in `spacing` only, or in their `words` too
 * (`fmt` writes `1 time` for `1 times`).
 */
function sameMeaning(expected: { ir: PolicyIr; results: Outcome[] }, ir: PolicyIr, leads: FuzzCase['leads'], texts: 'spacing' | 'words'): string | undefined {
  const withoutPositions = texts === 'spacing' ? withoutLayout : withoutLayoutOrText;
  const [a, b] = [withoutPositions(expected.ir), withoutPositions(ir)];
  if (a !== b) return `the rule graphs differ:\n${firstDifference(a, b)}`;
  const policy = loadPolicy(ir, { backend: 'interpreter' });
  for (const [i, lead] of leads.entries()) {
    const [x, y] = [withoutPositions(expected.results[i]), withoutPositions(outcome(policy, lead))];
    if (x !== y) return `lead ${i} ${JSON.stringify(lead)} scores\n  ${x}\n  ${y}`;
  }
  return undefined;
}

/** Keys whose values depend on layout: source ranges and lines, and the graph's hash. */
const layoutKeys = new Set(['range', 'line', 'hash']);
/** Keys that hold a rule as written: in the rule graph and in reasons. */
const textKeys = new Set(['text', 'rule']);

/** A result or a rule graph as JSON, without what depends on layout, and rule texts without spaces. */
function withoutLayout(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => (layoutKeys.has(key) ? undefined : textKeys.has(key) && typeof inner === 'string' ? inner.replace(/\s+/g, '') : inner));
}

/** A result or a rule graph as JSON, without what depends on layout or on how a rule is written. */
function withoutLayoutOrText(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => (layoutKeys.has(key) || textKeys.has(key) ? undefined : inner));
}

type Outcome = ReturnType<Policy['score']> | { error: string };

function outcome(policy: Policy, lead: Record<string, unknown>): Outcome {
  try {
    return policy.score(lead, { now: fuzzNow });
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function scoreOf(result: Outcome): number | undefined {
  return 'score' in result ? result.score : undefined;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 120);
  return `  …${a.slice(from, i + 120)}\n  …${b.slice(from, i + 120)}`;
}

// ---- shrinking ----------------------------------------------------------------------------

/**
 * The smallest case found that still fails: statements, section items, leads, line breaks and
 * comments are removed, and conditions replaced by their parts, one at a time, for as long as
 * `fails` still holds. At most `budget` candidates are tried.
 */
export function shrink(fuzz: FuzzCase, fails: (candidate: FuzzCase) => boolean, budget = 3000): FuzzCase {
  let current = fuzz;
  let tried = 0;
  for (let progress = true; progress && tried < budget;) {
    progress = false;
    for (const candidate of candidates(current)) {
      if (++tried > budget) break;
      if (fails(candidate)) {
        current = candidate;
        progress = true;
        break;
      }
    }
  }
  return current;
}

/** Shrinks a case that failed a check to the smallest one that fails it the same way. */
export function shrinkFailure(fuzz: FuzzCase, failure: Failure, budget?: number): { fuzz: FuzzCase; failure: Failure } {
  const smallest = shrink(fuzz, (candidate) => checkCase(candidate)?.signature === failure.signature, budget);
  return { fuzz: smallest, failure: checkCase(smallest) ?? failure };
}

function* candidates(fuzz: FuzzCase): Generator<FuzzCase> {
  const { policy } = fuzz;
  const withBody = (body: SurfacePolicy['body']): FuzzCase => ({ ...fuzz, policy: { ...policy, body } });
  // Fewer leads first: every other candidate is then cheaper to check.
  if (fuzz.leads.length > 1) {
    yield { ...fuzz, leads: fuzz.leads.slice(0, Math.ceil(fuzz.leads.length / 2)) };
    yield { ...fuzz, leads: fuzz.leads.slice(Math.ceil(fuzz.leads.length / 2)) };
    for (const lead of fuzz.leads) yield { ...fuzz, leads: [lead] };
  }
  for (let i = 0; i < policy.body.length; i++) yield withBody(policy.body.filter((_, k) => k !== i));
  if (policy.crlf) yield { ...fuzz, policy: { ...policy, crlf: false } };
  if (policy.bom) yield { ...fuzz, policy: { ...policy, bom: false } };
  for (let i = 0; i < policy.body.length; i++) {
    const element = policy.body[i]!;
    const replace = (next: Line | SectionBlock) => withBody(policy.body.map((e, k) => (k === i ? next : e)));
    if (element.kind === 'section') {
      for (let j = 0; j < element.items.length; j++) yield replace({ ...element, items: element.items.filter((_, k) => k !== j) });
      if (element.comment) yield replace({ ...element, comment: undefined } as SectionBlock);
      for (let j = 0; j < element.items.length; j++) {
        const item = element.items[j]!;
        if (item.kind !== 'statement') continue;
        for (const simpler of simplerStatements(item)) yield replace({ ...element, items: element.items.map((e, k) => (k === j ? simpler : e)) });
      }
    } else if (element.kind === 'statement') {
      for (const simpler of simplerStatements(element)) yield replace(simpler);
    }
  }
  // Last, the leads' fields and events.
  for (const [i, lead] of fuzz.leads.entries()) {
    const withLead = (smaller: Record<string, unknown>): FuzzCase => ({ ...fuzz, leads: fuzz.leads.map((other, k) => (k === i ? smaller : other)) });
    for (const key of Object.keys(lead)) {
      if (key === 'id') continue;
      const smaller = { ...lead };
      delete smaller[key];
      yield withLead(smaller);
    }
    const events = lead['events'];
    if (Array.isArray(events)) for (let k = 0; k < events.length; k++) yield withLead({ ...lead, events: events.filter((_, e) => e !== k) });
  }
}

function* simplerStatements(statement: Statement): Generator<Statement> {
  const gaps = Object.keys(statement.gaps);
  if (gaps.length > 1) yield { ...statement, gaps: {} };
  for (const gap of gaps) {
    const rest = { ...statement.gaps };
    delete rest[Number(gap)];
    yield { ...statement, gaps: rest };
  }
  for (const gap of gaps) {
    const value = statement.gaps[Number(gap)]!;
    if (value !== 'tight' && value !== 'wide' && (value.comment || value.blank || value.commentLine || value.indent))
      yield { ...statement, gaps: { ...statement.gaps, [gap]: { indent: '' } } };
  }
  if (statement.comment) yield { ...statement, comment: undefined } as Statement;
  if (statement.condition) {
    const before = statementTokens(statement);
    for (const condition of simplerConditions(statement.condition)) {
      const simpler = { ...statement, condition };
      yield { ...simpler, gaps: carriedGaps(before, statementTokens(simpler), statement.gaps) };
    }
  }
}

/**
 * The gaps of a statement's tokens carried over to the tokens that remain when a condition loses
 * some of its parts, so that a line break or comment that makes the failure stays where it was.
 * Tokens are matched from the left; the simpler statement's tokens are a subsequence.
 */
function carriedGaps(before: string[], after: string[], gaps: Statement['gaps']): Statement['gaps'] {
  const carried: Statement['gaps'] = {};
  for (let i = 0, j = 0; i < before.length && j < after.length; i++) {
    if (before[i] !== after[j]) continue;
    const gap = gaps[i];
    if (gap !== undefined && j > 0) carried[j] = gap;
    j++;
  }
  return carried;
}

/** The condition with one node replaced by one of its parts, or one operand fewer. */
function* simplerConditions(condition: Condition): Generator<Condition> {
  switch (condition.kind) {
    case 'atom':
      return;
    case 'group':
      yield condition.condition;
      for (const inner of simplerConditions(condition.condition)) yield { kind: 'group', condition: inner };
      return;
    case 'not':
      yield condition.operand;
      for (const inner of simplerConditions(condition.operand)) yield { kind: 'not', operand: inner };
      return;
    default: {
      const { kind, operands } = condition;
      yield* operands;
      if (operands.length > 2) for (let i = 0; i < operands.length; i++) yield { kind, operands: operands.filter((_, k) => k !== i) };
      for (let i = 0; i < operands.length; i++) {
        for (const inner of simplerConditions(operands[i]!)) yield { kind, operands: operands.map((o, k) => (k === i ? inner : o)) };
      }
    }
  }
}

/** A failure as the fuzz script prints it: the seed, the check, what went wrong, the policy and its leads. */
export function describeFailure(fuzz: FuzzCase, failure: Failure): string {
  const text = renderPolicy(fuzz.policy);
  return [
    `seed ${fuzz.seed}: fails \`${failure.check}\``,
    failure.message,
    `--- the smallest failing policy (${text.split('\n').length - 1} lines; JSON-quoted below it):`,
    text,
    JSON.stringify(text),
    `--- its leads (now = ${new Date(fuzzNow).toISOString()}):`,
    ...fuzz.leads.map((lead) => JSON.stringify(lead)),
  ].join('\n');
}
