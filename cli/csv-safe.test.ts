import { describe, expect, it } from 'vitest';
import { csvLines, spreadsheetSafe } from './csv-safe.js';

describe('spreadsheetSafe', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['@SUM(1)', "'@SUM(1)"],
    ['+1+1', "'+1+1"],
    ['-1+1', "'-1+1"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['-', "'-"],
    ['+25', "'+25"],
    ['-2e5', "'-2e5"],
  ])('neutralises %j', (text, safe) => expect(spreadsheetSafe(text)).toBe(safe));

  it.each(['-25', '-12.5', '42', '0.5', 'SQL', 'Head of Sales', ' =1', 'a=b', "'quoted", ''])('leaves %j as it is', (text) => expect(spreadsheetSafe(text)).toBe(text));
});

describe('csvLines', () => {
  it('quotes where needed, makes text safe, and writes numbers, booleans and null as they are', () => {
    expect(
      csvLines([
        ['id', 'score', 'ok', 'route'],
        ['=1+1', -25, false, null],
        ['-1+1', -12.5, true, 'A, "B"'],
        ['\t=1', 7, true, '@x'],
      ]),
    ).toBe(`id,score,ok,route\n'=1+1,-25,false,\n'-1+1,-12.5,true,"A, ""B"""\n'\t=1,7,true,'@x\n`);
  });

  it('a number that is not finite is text, and made safe', () => {
    expect(csvLines([[-Infinity, Number.NaN]])).toBe("'-Infinity,NaN\n");
  });

  it('no rows, no text', () => expect(csvLines([])).toBe(''));
});
