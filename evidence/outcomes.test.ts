import { describe, expect, it } from 'vitest';
import { csvOutcomes, defaultOutcomeColumns, jsonlOutcomes } from './outcomes.js';

describe('outcomes', () => {
  it('reads CSV: true/false, 1/0, yes/no in any case, an empty cell as not converted, a date and a value', () => {
    const { byId, problems } = csvOutcomes('id,Converted,converted_at,value\nA,TRUE,2026-07-01,"12,500"\nB,0,,\nC,Yes,,\nD,,,\n');
    expect(problems).toEqual([]);
    expect([...byId.values()]).toEqual([
      { id: 'A', converted: true, convertedAt: '2026-07-01', value: 12500, row: 2 },
      { id: 'B', converted: false, row: 3 },
      { id: 'C', converted: true, row: 4 },
      { id: 'D', converted: false, row: 5 },
    ]);
  });

  it('finds the id under the names it is given, in order (a CRM export name the policy maps to id)', () => {
    const { byId } = csvOutcomes('Record ID,converted\n17,1\n', { ...defaultOutcomeColumns, id: ['id', 'Record ID'] });
    expect(byId.get('17')).toMatchObject({ converted: true });
  });

  it('names every row it cannot use, and why', () => {
    const { byId, problems } = csvOutcomes('id,converted,value\n,1,\nA,perhaps,\nB,1,lots\nC,1,\nC,0,\n"D,1\n');
    expect([...byId.keys()]).toEqual(['C']);
    expect(problems).toEqual([
      { row: 2, error: 'no lead id (a value in "id")' },
      { row: 3, error: '"converted" must be true or false (1 or 0, yes or no), got "perhaps"' },
      { row: 4, error: '"value" must be a number, got "lots"' },
      { row: 6, error: 'a second outcome for lead "C" (the first is at row 5); this one was not used' },
      { row: 7, error: 'a quoted value is never closed (a " is missing); this row and the rest of the file were not read' },
    ]);
  });

  it('reads JSON Lines: booleans, 0/1 and text, numeric ids; bad lines are problems by line', () => {
    const { byId, problems, unit } = jsonlOutcomes('{"id": 1, "converted": true}\n\n{"id": "B", "converted": 0, "value": 900}\n[1]\n{"id": "C"\n{"converted": true}\n');
    expect(unit).toBe('line');
    expect([...byId.values()]).toEqual([
      { id: '1', converted: true, row: 1 },
      { id: 'B', converted: false, value: 900, row: 3 },
    ]);
    expect(problems.map((problem) => [problem.row, problem.error.slice(0, 30)])).toEqual([
      [4, 'an outcome must be a JSON obje'],
      [5, expect.stringMatching(/^not valid JSON/)],
      [6, 'no lead id (a value in "id")'],
    ]);
  });
});
