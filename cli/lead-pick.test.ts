import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonlStreamLeads, type LeadInput } from '../leads/node.js';
import { pickLead } from './lead-pick.js';

/** Leads as `explain` reads them from a JSON file or standard input. */
const json = (text: string, name = 'l.jsonl') => ({ leads: jsonlStreamLeads(Readable.from([text]), name), unit: 'line' as const, name });

async function* listed(inputs: LeadInput[]): AsyncGenerator<LeadInput> {
  yield* inputs;
}
/** Leads as the profile CSV reader gives them: rows, some with errors. */
const csv = (inputs: LeadInput[]) => ({ leads: listed(inputs), unit: 'row' as const, name: 'leads.csv' });

describe('pickLead', () => {
  it('takes a JSON document as one lead, and checks its id when --id is given', async () => {
    expect((await pickLead(json('{"id": 7}', 'lead.json'), undefined)).lead).toEqual({ id: 7 });
    expect((await pickLead(json('{\n  "id": 7\n}\n', 'lead.json'), '7')).lead).toEqual({ id: 7 });
    await expect(pickLead(json('{"id": 7}', 'lead.json'), '8')).rejects.toThrow('lead.json holds one lead, and its id is not "8"');
  });

  it('picks a line of JSON Lines by id, noting lines that are not JSON', async () => {
    expect(await pickLead(json('{"id":"a"}\r\n\r\n{"id":"b","x":1}\n'), 'b')).toEqual({ line: 3, id: 'b', lead: { id: 'b', x: 1 } });
    await expect(pickLead(json('{"id":"a"}\nnope\n'), 'c')).rejects.toThrow('no lead with id "c" in l.jsonl (1 lead read; line 2 is not JSON)');
    await expect(pickLead(json('{"id":"a"}\n{"id":"a"}\n'), 'a')).rejects.toThrow('2 leads have the id "a" in l.jsonl (lines 1, 2)');
    await expect(pickLead(json('{"id":"a"}\nnope\n'), undefined)).rejects.toThrow('l.jsonl holds 1 lead; line 2 is not JSON; pick one with --id ID');
  });

  it('an input with no lead, or a lone lead that cannot be read, is an error with exit code 2', async () => {
    await expect(pickLead(json(''), undefined)).rejects.toMatchObject({ message: 'l.jsonl holds no lead', exitCode: 2 });
    await expect(pickLead(json('nope\n'), undefined)).rejects.toMatchObject({
      message: expect.stringMatching(/^the lead cannot be scored: line 1: not valid JSON: /),
      exitCode: 2,
    });
  });

  it('in a profile CSV: the row with the id; a row with an error shows it; rows without an id are noted', async () => {
    const rows: LeadInput[] = [
      { line: 2, id: 'A1', lead: { id: 'A1' } },
      { line: 3, id: 'A2', error: 'row 3, column employees: "abc" is not a number' },
      { line: 4, id: null, error: 'row 4, column id: empty; every lead needs an id' },
      { line: 5, id: 'A1', error: 'row 5, column id: "A1" is also the id of row 2' },
    ];
    expect(await pickLead(csv(rows.slice(0, 1)), undefined)).toEqual({ line: 2, id: 'A1', lead: { id: 'A1' } });
    await expect(pickLead(csv(rows), 'A2')).rejects.toMatchObject({ message: 'the lead cannot be scored: row 3, column employees: "abc" is not a number', exitCode: 2 });
    await expect(pickLead(csv(rows), 'A1')).rejects.toMatchObject({ message: '2 leads have the id "A1" in leads.csv (rows 2, 5)', exitCode: 2 });
    await expect(pickLead(csv(rows), 'A9')).rejects.toMatchObject({ message: 'no lead with id "A9" in leads.csv (3 leads read; row 4 has no id)', exitCode: 2 });
    await expect(pickLead(csv(rows), undefined)).rejects.toThrow('leads.csv holds 3 leads; row 4 has no id; pick one with --id ID');
  });

  it('lists at most ten places, then how many more', async () => {
    const text = Array.from({ length: 13 }, () => '{"id":"same"}').join('\n');
    await expect(pickLead(json(text), 'same')).rejects.toThrow('13 leads have the id "same" in l.jsonl (lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 3 more)');
  });
});
