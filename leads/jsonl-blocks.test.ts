import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { blockLeads, FieldTally, jsonlBlocks, jsonlStreamLeads, type LeadInput } from './node.js';
import type { PolicyIr } from '../runtime/rule-graph.js';

async function viaBlocks(chunks: Array<string | Buffer>, limit?: number): Promise<LeadInput[]> {
  const leads: LeadInput[] = [];
  for await (const item of jsonlBlocks(Readable.from(chunks), 'leads.jsonl', limit)) {
    if ('bytes' in item) leads.push(...blockLeads(item));
    else leads.push(item);
  }
  return leads;
}

async function viaLines(chunks: Array<string | Buffer>): Promise<LeadInput[]> {
  const leads: LeadInput[] = [];
  for await (const lead of jsonlStreamLeads(Readable.from(chunks), 'leads.jsonl')) leads.push(lead);
  return leads;
}

/** `text` cut into chunks at the given places. */
const cutAt = (text: string, cuts: number[]) => {
  const places = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...places].map((start, index) => text.slice(start, places[index] ?? text.length)).filter((chunk) => chunk !== '');
};

describe('JSON Lines in blocks of whole lines (score --jobs)', () => {
  it('gives the leads jsonlStreamLeads gives, numbers and errors included, however the input is cut', async () => {
    const line = fc.oneof(
      fc.constant('{"id":"a","title":"CTO"}'),
      fc.constant('{"id":2,\r"employees":50}'),
      fc.constant('not json'),
      fc.constant(''),
      fc.constant('   '),
      fc.constant('{"id":"Zoë"}'),
      fc.constant('\ufeff{"id":"bom"}'),
      fc.constant('{"id":"crlf"}\r'),
      fc.constant('{'),
      fc.constant('"id": 1}'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), async (lines, lastEnds, cuts, bom) => {
        const text = (bom ? '\ufeff' : '') + lines.join('\n') + (lastEnds ? '\n' : '');
        const chunks = cutAt(text, cuts);
        expect(await viaBlocks(chunks)).toEqual(await viaLines(chunks));
      }),
      { numRuns: 400 },
    );
  });

  it('reads one lead spread over several lines (jq .) as jsonlStreamLeads does', async () => {
    const pretty = '\n{\n  "id": "L1",\n  "title": "CTO"\n}\n';
    expect(await viaBlocks([pretty.slice(0, 7), pretty.slice(7)])).toEqual([{ line: 2, id: 'L1', lead: { id: 'L1', title: 'CTO' } }]);
  });

  it('decodes a character split between two chunks', async () => {
    const bytes = Buffer.from('{"id":"a"}\n{"id":"Zoë"}\n');
    expect(await viaBlocks([bytes.subarray(0, 19), bytes.subarray(19)])).toEqual(await viaLines([bytes]));
  });

  it('cuts at the chunks: a block holds whole lines, numbered from its first', async () => {
    const items: unknown[] = [];
    for await (const item of jsonlBlocks(Readable.from(['{"id":1}\n{"id":2}\n{"id"', ':3}\n\n{"id":4}']), 'x'))
      items.push('bytes' in item ? { ...item, bytes: Buffer.from(item.bytes).toString() } : item);
    expect(items).toEqual([
      { line: 1, id: 1, lead: { id: 1 } },
      { line: 2, lines: 1, bytes: '{"id":2}' },
      { line: 3, lines: 2, bytes: '{"id":3}\n' },
      { line: 5, lines: 1, bytes: '{"id":4}' },
    ]);
  });

  it('gives a line beyond the limit as an error in its place, and goes on at the next line', async () => {
    const long = 'x'.repeat(50);
    const leads = await viaBlocks(['{"id":1}\n', long.slice(0, 30), long.slice(30), '\n{"id":3}\n{"id":', `4}\n${long}\n{"id":6}\n`, long], 40);
    expect(leads.map((lead) => lead.error ?? lead.id)).toEqual([
      1,
      expect.stringContaining('line 2 is longer than'),
      3,
      4,
      expect.stringContaining('line 5 is longer'),
      6,
      expect.stringContaining('line 7 is longer'),
    ]);
  });
});

describe('field counts from several threads', () => {
  it('merged in order, they are the counts of one tally that saw every lead', () => {
    const ir = {
      inputs: [
        { id: 'field:country', name: 'country', type: 'country' },
        { id: 'field:employees', name: 'employees', type: 'number' },
      ],
      predicates: [{ field: 'field:country' }, { field: 'field:employees' }],
      contributions: [],
      decisions: [],
      derived: [],
    } as unknown as PolicyIr;
    const leads = [
      { country: 'Germny' },
      { employees: 'many', extra: 1 },
      { country: 'DE', Extra: 2 },
      { country: 'EMEA', other: true },
      { country: 'Mars' },
      { country: 'Venus' },
    ];
    const one = new FieldTally(ir);
    for (const lead of leads) one.add(lead);
    const merged = new FieldTally(ir);
    for (const part of [leads.slice(0, 1), leads.slice(1, 4), leads.slice(4)]) {
      const tally = new FieldTally(ir);
      for (const lead of part) tally.add(lead);
      merged.merge(tally.part());
    }
    expect(merged.report()).toEqual(one.report());
    expect(one.report().fields[0]?.notCountries).toEqual(['Germny', 'EMEA', 'Mars']);
  });
});
