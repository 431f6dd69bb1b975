import { describe, expect, it } from 'vitest';
import type { Range } from '../../language/index.js';
import { compile } from '../compile.js';

const span = (range: Range) => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;

function warnings(text: string) {
  return compile(text)
    .diagnostics.filter((d) => d.code === 'LS5003')
    .map((d) => ({ at: span(d.range), message: d.message }));
}

describe('LS5003: a condition that is always false', () => {
  it('warns on `employees > 100 and employees < 50`, on the `and`', () => {
    expect(warnings('when employees > 100 and employees < 50 add 10')).toEqual([
      { at: '1:6-1:40', message: 'this condition is always false: its tests of `employees` exclude each other, so the rule never scores' },
    ]);
  });

  it('warns on two different values of one text field, in rules and rows', () => {
    expect(warnings('when country = "DE" and country = "AT" add 5')).toHaveLength(1);
    expect(warnings('stage "SQL" when title = "CTO"\nstage "MQL" otherwise\nroute "X" when stage = "SQL" and stage = "MQL"')[0]?.message).toBe(
      'this condition is always false: its tests of `stage` exclude each other, so the row never matches',
    );
  });

  it('warns on `between` outside another bound, `=` outside a list, `is missing` with a test', () => {
    expect(warnings('when employees between 10 and 50 and employees > 50 add 1')).toHaveLength(1);
    expect(warnings('when country in ["DE", "AT"] and country = "FR" add 1')).toHaveLength(1);
    expect(warnings('when country in ["DE", "AT"] and country not in ["de", "at"] add 1')).toHaveLength(1);
    expect(warnings('when phone is missing and phone starts with "+49" add 1')).toHaveLength(1);
    expect(warnings('when employees = 5 and employees != 5 add 1')).toHaveLength(1);
  });

  it('warns on a condition joined with its own `not`', () => {
    expect(warnings('when title = "CTO" and not title = "cto" add 1')[0]?.message).toBe(
      'this condition is always false: it asks for a condition and its `not`, so the rule never scores',
    );
  });

  it('says only the part is false inside `or` and `not`, and reports each `and` once', () => {
    expect(warnings('when title = "x" or (employees > 10 and employees < 5 and title = "y") add 1')).toEqual([
      { at: '1:22-1:70', message: 'this condition is always false: its tests of `employees` exclude each other, so this part never holds' },
    ]);
  });

  it('is quiet when the tests can all hold', () => {
    expect(warnings('when employees > 50 and employees < 100 add 1')).toEqual([]);
    expect(warnings('when employees >= 50 and employees <= 50 add 1')).toEqual([]);
    expect(warnings('when country = "DE" and employees > 100 add 1')).toEqual([]);
    expect(warnings('when country in ["DE", "AT"] and country != "DE" add 1')).toEqual([]);
    expect(warnings('when title contains "VP" and title contains "CTO" add 1')).toEqual([]);
    expect(warnings('when country = "DE" or country = "AT" add 1')).toEqual([]);
    expect(warnings('when phone is missing and email is present add 1')).toEqual([]);
  });

  it('is quiet when the bounds only meet at an open end', () => {
    expect(warnings('when employees > 50 and employees <= 50 add 1')).toHaveLength(1);
    expect(warnings('when employees >= 50 and employees <= 50.5 add 1')).toEqual([]);
  });
});
