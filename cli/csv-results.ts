// `leadscore score --format csv`: one row per lead, in input order, quoted by csv-stringify.
import { stringify } from 'csv-stringify/sync';
import type { Policy } from '../runtime/index.js';
import type { LineOutcome } from './score.js';

/** The columns of `score --format csv`: line, id, score, one per section, grade, stage, route, blacklisted, error. */
export function csvResultHeader(policy: Policy): string {
  return stringify([['line', 'id', 'score', ...policy.ir.sections.map((section) => section.name), 'grade', 'stage', 'route', 'blacklisted', 'error']]);
}

/** Result rows; a lead that was not scored has its error and empty score columns. */
export function csvResultRows(outcomes: LineOutcome[], policy: Policy): string {
  const sections = policy.ir.sections.map((section) => section.name);
  const rows = outcomes.map((outcome) => {
    if ('error' in outcome) {
      const { line, id, error } = outcome.error;
      return [line, id ?? '', '', ...sections.map(() => ''), '', '', '', '', error];
    }
    const result = outcome.result;
    return [
      outcome.line,
      result.id ?? '',
      result.score,
      ...sections.map((name) => result.dimensions[name] ?? 0),
      result.grade ?? '',
      result.stage ?? '',
      result.route ?? '',
      result.blacklisted,
      '',
    ];
  });
  return rows.length === 0 ? '' : stringify(rows, { cast: { boolean: (value) => String(value) } });
}
