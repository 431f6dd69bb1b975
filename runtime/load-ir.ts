import { irFormat, irVersion, type PolicyIr } from './ir.js';
import { irTypeProblems } from './ir-types.js';
import { validateIrSchema, type IrSchemaError } from './ir-validator.generated.js';
import { parseIsoTime } from './time.js';

/** A rule graph the runtime cannot execute: malformed, inconsistent, or from an incompatible compiler. */
export class IrError extends Error {
  override name = 'IrError';
}

function describeSchemaError(error: IrSchemaError): string {
  const where = error.instancePath === '' ? 'the rule graph' : error.instancePath.slice(1).replace(/\//g, '.');
  if (error.keyword === 'additionalProperties') return `${where} has an unknown property \`${String(error.params['additionalProperty'])}\``;
  if (error.keyword === 'const' || error.keyword === 'enum') {
    const allowed = (error.params['allowedValues'] as unknown[] | undefined) ?? [error.params['allowedValue']];
    return `${where} must be ${allowed.map((v) => JSON.stringify(v)).join(' or ')}`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}

/**
 * Checks that a value is a rule graph this runtime can execute, and returns it
 * typed. The messages name what is wrong and where.
 */
export function checkIr(value: unknown): PolicyIr {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new IrError('a rule graph is a JSON object');
  const candidate = value as Record<string, unknown>;
  if (candidate['format'] !== irFormat) {
    throw new IrError(`this is not a leadscore rule graph (its "format" is ${JSON.stringify(candidate['format'] ?? null)}, expected "${irFormat}")`);
  }
  if (candidate['version'] !== irVersion) {
    const compiler = typeof candidate['compiler'] === 'string' ? ` by leadscore ${candidate['compiler']}` : '';
    throw new IrError(
      `this rule graph has IR version ${JSON.stringify(candidate['version'] ?? null)} (compiled${compiler || ' by an unknown compiler'}); this runtime accepts IR version ${irVersion} only: recompile the policy with a matching leadscore`,
    );
  }
  // The schema's validation code is generated at build time (scripts/write-ir-validator.ts): no schema compiler ships.
  if (!validateIrSchema(value)) {
    const problems = (validateIrSchema.errors ?? []).slice(0, 5).map(describeSchemaError);
    throw new IrError(`malformed rule graph: ${problems.join('; ')}`);
  }
  const ir = value as PolicyIr;
  checkReferences(ir);
  // Types last: they are read through the references, now known to resolve.
  const problems = irTypeProblems(ir);
  if (problems.length > 0) throw new IrError(`ill-typed rule graph: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
  return ir;
}

/** What the schema cannot say: every reference points at something defined before it. */
function checkReferences(ir: PolicyIr): void {
  const values = new Set<string>();
  for (const input of ir.inputs) {
    if (values.has(input.id)) throw new IrError(`input ${input.id} is defined twice`);
    if (input.id !== `field:${input.name}`) throw new IrError(`input ${input.id} reads the field ${JSON.stringify(input.name)}; its id must be field:${input.name}`);
    values.add(input.id);
  }
  // A derived value is computed from the profile before any rule runs: it reads inputs only, never a total, a decision or another derived value.
  const inputs = new Set(values);
  for (const derived of ir.derived) {
    for (const input of [derived.from, derived.explicit]) {
      if (input !== undefined && !inputs.has(input)) throw new IrError(`derived value ${derived.id} reads ${input}, which is not an input`);
    }
    if (values.has(derived.id)) throw new IrError(`derived value ${derived.id} is defined twice`);
    values.add(derived.id);
  }
  values.add('score');
  const sections = new Set<string>();
  for (const section of ir.sections) {
    if (sections.has(section.name)) throw new IrError(`section "${section.name}" is defined twice`);
    sections.add(section.name);
    values.add(`section:${section.name}`);
  }
  for (const decision of ir.decisions) values.add(`decision:${decision.name}`);
  const lists = new Set(ir.lists.map((list) => list.id));
  if (lists.size !== ir.lists.length) throw new IrError('two lists share an id');
  for (const list of ir.lists) {
    if (list.written !== undefined && list.written.length !== list.values.length)
      throw new IrError(`list ${list.id} has ${list.written.length} written entries for ${list.values.length} values`);
  }
  const predicates = new Map<string, string>();
  /** Per predicate, what it reads that is only known after the rules have run: the score, section totals, decisions. */
  const lateReads = new Map<string, Set<string>>();
  const isLate = (value: string) => value === 'score' || value.startsWith('section:') || value.startsWith('decision:');
  for (const predicate of ir.predicates) {
    if (predicates.has(predicate.id)) throw new IrError(`predicate ${predicate.id} is defined twice`);
    const refs = 'args' in predicate ? predicate.args : 'arg' in predicate ? [predicate.arg] : [];
    for (const ref of refs) {
      if (!predicates.has(ref)) throw new IrError(`predicate ${predicate.id} refers to ${ref}, which is not defined before it`);
    }
    if ('value' in predicate && !values.has(predicate.value)) throw new IrError(`predicate ${predicate.id} reads ${predicate.value}, which is not defined`);
    if ('other' in predicate && !values.has(predicate.other)) throw new IrError(`predicate ${predicate.id} reads ${predicate.other}, which is not defined`);
    if ('list' in predicate && !lists.has(predicate.list)) throw new IrError(`predicate ${predicate.id} refers to the unknown list ${predicate.list}`);
    if (predicate.op === 'date-compare' && Number.isNaN(parseIsoTime(predicate.time))) {
      throw new IrError(`predicate ${predicate.id} compares with ${JSON.stringify(predicate.time)}, which is not an ISO-8601 time`);
    }
    predicates.set(predicate.id, predicate.op);
    const late = new Set<string>(refs.flatMap((ref) => [...lateReads.get(ref)!]));
    if ('value' in predicate && isLate(predicate.value)) late.add(predicate.value);
    if ('other' in predicate && isLate(predicate.other)) late.add(predicate.other);
    lateReads.set(predicate.id, late);
  }
  for (const contribution of ir.contributions) {
    const op = predicates.get(contribution.when);
    if (!op) throw new IrError(`contribution ${contribution.id} refers to the unknown predicate ${contribution.when}`);
    const [late] = lateReads.get(contribution.when)!;
    if (late !== undefined) throw new IrError(`contribution ${contribution.id} reads ${late}, which is only known after the rules have run`);
    if (contribution.section !== null && !sections.has(contribution.section)) {
      throw new IrError(`contribution ${contribution.id} adds to the unknown section "${contribution.section}"`);
    }
    if ((contribution.mode === 'each' || contribution.decay) && op !== 'event') {
      throw new IrError(`contribution ${contribution.id} scores per event or decays, but ${contribution.when} is not an event predicate`);
    }
  }
  const decided = new Set<string>();
  for (const decision of ir.decisions) {
    if (decided.has(decision.name)) throw new IrError(`decision ${decision.name} is defined twice`);
    for (const row of decision.rows) {
      if (row.when === null) continue;
      if (!predicates.has(row.when)) throw new IrError(`a ${decision.name} row refers to the unknown predicate ${row.when}`);
      // Decisions run in order: a row may only read the decisions before its own.
      for (const value of lateReads.get(row.when)!) {
        if (value.startsWith('decision:') && !decided.has(value.slice('decision:'.length))) {
          throw new IrError(`the ${decision.name} decision reads ${value}, which is not decided before it`);
        }
      }
    }
    decided.add(decision.name);
  }
}
