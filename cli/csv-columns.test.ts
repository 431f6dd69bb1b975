import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy, type Policy } from '../runtime/index.js';
import { csvColumns, parseColumnRenames, type CsvFormat } from './csv-columns.js';

function policyWith(source: string): Policy {
  const { ir, diagnostics } = compile(source);
  if (!ir) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return loadPolicy(ir);
}

const policy = policyWith('fit:\n  when title = "CTO" add 10\n\nproduct-usage:\n  when open email add 2\n\nstage "SQL" when fit >= 10\n');
const headers = (format: CsvFormat, renames: string[] = [], reasons = false) =>
  csvColumns(policy, format, { reasons, renames: parseColumnRenames(renames) }).map((column) => column.header);

describe('csvColumns', () => {
  it('csv: line, id, score, a column per section, grade, stage, route, blacklisted, error, and reasons when asked for', () => {
    expect(headers('csv')).toEqual(['line', 'id', 'score', 'fit', 'product-usage', 'grade', 'stage', 'route', 'blacklisted', 'error']);
    expect(headers('csv', [], true).at(-1)).toBe('reasons');
  });

  it('hubspot-csv: Record ID, then HubSpot internal property names (lower case, `_` for `-`)', () => {
    expect(headers('hubspot-csv')).toEqual([
      'Record ID',
      'leadscore_score',
      'leadscore_fit',
      'leadscore_product_usage',
      'leadscore_grade',
      'leadscore_stage',
      'leadscore_route',
      'leadscore_reasons',
    ]);
  });

  it('salesforce-csv: Id, then custom field API names', () => {
    expect(headers('salesforce-csv')).toEqual([
      'Id',
      'Leadscore_Score__c',
      'Leadscore_Fit__c',
      'Leadscore_Product_Usage__c',
      'Leadscore_Grade__c',
      'Leadscore_Stage__c',
      'Leadscore_Route__c',
      'Leadscore_Reasons__c',
    ]);
  });

  it('--column renames a column and an empty header leaves it out', () => {
    expect(headers('hubspot-csv', ['id=Email', 'score=hs_lead_score', 'product-usage=', 'reasons= '])).toEqual([
      'Email',
      'hs_lead_score',
      'leadscore_fit',
      'leadscore_grade',
      'leadscore_stage',
      'leadscore_route',
    ]);
    expect(headers('csv', ['line=', 'error=problem'])).toEqual(['id', 'score', 'fit', 'product-usage', 'grade', 'stage', 'route', 'blacklisted', 'problem']);
  });

  it('a name the format has no column for is an error that lists its columns', () => {
    expect(() => headers('salesforce-csv', ['scroe=Score__c'])).toThrow(
      '--column scroe=…: salesforce-csv has no column "scroe"; its columns are id, score, fit, product-usage, grade, stage, route, reasons',
    );
    expect(() => headers('hubspot-csv', ['line=Line'])).toThrow('hubspot-csv has no column "line"');
  });

  it('the id of an import file cannot be left out; plain csv may leave it out', () => {
    expect(() => headers('hubspot-csv', ['id='])).toThrow('--column id=: the id column cannot be left out of a hubspot-csv file; it is how the CRM finds the record to update');
    expect(headers('csv', ['id='])).not.toContain('id');
  });

  it('two columns under one header (compared without regard to case) are an error', () => {
    expect(() => headers('hubspot-csv', ['score=leadscore_FIT'])).toThrow(
      'two columns would have the header "leadscore_fit" (score and fit); give one another header with --column NAME=HEADER',
    );
  });
});

describe('parseColumnRenames', () => {
  it('reads NAME=HEADER; the header may hold spaces and `=`; ends are trimmed', () => {
    expect(parseColumnRenames([' score = Lead Score ', 'grade=a=b', 'reasons='])).toEqual(
      new Map([
        ['score', 'Lead Score'],
        ['grade', 'a=b'],
        ['reasons', ''],
      ]),
    );
  });

  it.each([
    ['score', '--column takes NAME=HEADER, such as score=hs_lead_score (or reasons= to leave a column out); got "score"'],
    ['=hs_lead_score', '--column takes NAME=HEADER'],
    ['score=a\nb', '--column score: a header cannot hold a line break, a tab or another control character'],
  ])('%j is an error', (value, message) => expect(() => parseColumnRenames([value])).toThrow(message));

  it('a column renamed twice is an error', () => {
    expect(() => parseColumnRenames(['score=a', 'score=b'])).toThrow('--column names the column "score" twice');
  });
});
