import type { ScoreResult } from '../runtime/index.js';
import type { PolicyIr } from '../runtime/rule-graph.js';

/** What the SQL gives per lead: the runtime's result without reasons. */
export type SqlScore = Omit<ScoreResult, 'reasons' | 'policy'>;

/** A result row of the query as the runtime's result; the id is the lead's own (the row's may be a key). */
export function sqlResult(ir: PolicyIr, row: Record<string, unknown>, lead: unknown): SqlScore {
  const id = typeof lead === 'object' && lead !== null && Object.hasOwn(lead, 'id') ? (lead as Record<string, unknown>)['id'] : undefined;
  const dimensions: Record<string, number> = {};
  for (const { name } of ir.sections) {
    // Assigning `__proto__` would set the prototype; any other name is a plain (and much faster) assignment.
    if (name === '__proto__') Object.defineProperty(dimensions, name, { value: Number(row[name]), enumerable: true, writable: true, configurable: true });
    else dimensions[name] = Number(row[name]);
  }
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    id: typeof id === 'string' || typeof id === 'number' ? id : null,
    score: Number(row['score']),
    dimensions,
    grade: text(row['grade']),
    stage: text(row['stage']),
    route: text(row['route']),
    blacklisted: row['blacklisted'] === true,
  };
}
