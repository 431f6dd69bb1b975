import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { linesOf } from './lines.js';
import { csvTextRecords, jsonlStreamLeads, type LeadInput } from './node.js';

async function lines(chunks: Array<string | Buffer>, limit?: number): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const line of linesOf(Readable.from(chunks), limit)) out.push(line);
  return out;
}

describe('the lines of a JSON Lines stream', () => {
  it('end only at a line feed; a CR before it is dropped, a lone CR is kept inside the line', async () => {
    expect(await lines(['a\r\nb\rc\n', 'd'])).toEqual(['a', 'b\rc', 'd']);
    expect(await lines(['a\r', '\nb\n'])).toEqual(['a', 'b']);
  });

  it('decode UTF-8 split across chunks', async () => {
    const bytes = Buffer.from('{"id":"Zoë"}\n');
    expect(await lines([bytes.subarray(0, 11), bytes.subarray(11)])).toEqual(['{"id":"Zoë"}']);
  });

  it('give an over-long line as a mark in its place, and go on at the next line', async () => {
    expect(await lines(['short\n', 'x'.repeat(30), 'y'.repeat(30), '\nafter\n'], 40)).toEqual(['short', { overlong: true }, 'after']);
    expect(await lines(['x'.repeat(50)], 40)).toEqual([{ overlong: true }]);
    expect(await lines([`a\n${'x'.repeat(50)}\nb\n`], 40)).toEqual(['a', { overlong: true }, 'b']);
  });

  it('a lone CR inside a JSON line scores one lead, and later line numbers stay right', async () => {
    const leads: LeadInput[] = [];
    for await (const lead of jsonlStreamLeads(Readable.from(['{"id":"a",\r"title":"CTO"}\n{"id":"b"}\n']), 'leads.jsonl')) leads.push(lead);
    expect(leads).toEqual([
      { line: 1, id: 'a', lead: { id: 'a', title: 'CTO' } },
      { line: 2, id: 'b', lead: { id: 'b' } },
    ]);
  });
});

describe('CSV line ends', () => {
  it('a file with CR line ends (as old spreadsheet programs write) has its rows; a CR inside quotes is the value’s', () => {
    expect(csvTextRecords('id,title\rA,CTO\rB,"two\rlines"\r')).toEqual([
      { row: 1, cells: ['id', 'title'] },
      { row: 2, cells: ['A', 'CTO'] },
      { row: 3, cells: ['B', 'two\rlines'] },
    ]);
  });
});
