import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { blockLeads, blockMemory, FieldTally, jsonlBlocks, jsonlStreamLeads, type LeadInput, type LineBlock } from './node.js';
import type { PolicyIr } from '../runtime/rule-graph.js';

async function viaBlocks(chunks: Array<string | Buffer>, limit?: number): Promise<LeadInput[]> {
  const leads: LeadInput[] = [];
  for await (const item of jsonlBlocks(Readable.from(chunks), 'leads.jsonl', limit)) {
    if ('bytes' in item) leads.push(...blockLeads(item));
    else leads.push(item);
  }
  return leads;
}

async function viaLines(chunks: Array<string | Buffer>, limit?: number): Promise<LeadInput[]> {
  const leads: LeadInput[] = [];
  for await (const lead of jsonlStreamLeads(Readable.from(chunks), 'leads.jsonl', undefined, limit)) leads.push(lead);
  return leads;
}

/** `bytes` cut into chunks at the given places, wherever they fall: inside a character too. */
const cutBytesAt = (bytes: Buffer, cuts: number[]) => {
  const places = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...places].map((start, index) => bytes.subarray(start, places[index] ?? bytes.length)).filter((chunk) => chunk.length > 0);
};

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
      fc.constant('{"id":"😀"}'),
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

  it('gives the leads jsonlStreamLeads gives for bytes cut anywhere: characters of 2, 3 and 4 bytes, bytes that are not UTF-8, lines about as long as the limit', async () => {
    const limit = 24;
    const line = fc.oneof(
      fc.constant(Buffer.from('{"id":"a"}')),
      fc.constant(Buffer.from('{"id":"Zoë 日本 😀"}')),
      fc.constant(Buffer.from('\ufeff{"id":"bom"}')),
      fc.constant(Buffer.from('{"id":"crlf"}\r')),
      fc.constant(Buffer.from('')),
      fc.constant(Buffer.from('not json')),
      // Not UTF-8: a stray continuation byte, a lead byte without its continuation, a character cut short at the line's end.
      fc.constant(Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xc3, 0x22, 0x80, 0x7d])),
      fc.constant(Buffer.from([0x7b, 0x7d, 0xe2, 0x82])),
      // Code units about the limit, bytes well beyond it: 3 bytes a character, a CR counted too.
      fc.integer({ min: limit - 9, max: limit - 5 }).map((n) => Buffer.from(`{"id":"${'日'.repeat(n)}"}`)),
      fc.integer({ min: limit - 9, max: limit - 5 }).map((n) => Buffer.from(`{"id":"${'日'.repeat(n)}"}\r`)),
      fc.integer({ min: limit / 2 - 1, max: limit / 2 }).map((n) => Buffer.from(`"${'😀'.repeat(n)}"`)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 10 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 8 }), async (lines, lastEnds, cuts) => {
        const bytes = Buffer.concat(lines.flatMap((bytes, index) => (index < lines.length - 1 || lastEnds ? [bytes, Buffer.from('\n')] : [bytes])));
        const chunks = cutBytesAt(bytes, cuts);
        expect(await viaBlocks(chunks, limit)).toEqual(await viaLines(chunks, limit));
      }),
      { numRuns: 1000 },
    );
  });

  it('cuts a large chunk into blocks of whole lines of at most 64 KiB, but for a line longer than that', async () => {
    const lines = Array.from({ length: 3000 }, (_, index) => (index === 1200 ? `{"id":"${'x'.repeat(100_000)}"}` : `{"id":${index},"note":"${'é'.repeat(index % 50)}"}`));
    const bytes = Buffer.from(lines.join('\n') + '\n');
    // The first chunk ends inside the long line, which is pending when the second chunk comes.
    const cut = bytes.indexOf('xxx') + 50_000;
    const chunks = [bytes.subarray(0, cut), bytes.subarray(cut)];
    const blocks: LineBlock[] = [];
    for await (const item of jsonlBlocks(Readable.from(chunks), 'x')) if ('bytes' in item) blocks.push(item);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) {
      expect(block.bytes.length <= 64 * 1024 || block.lines === 1, `lines ${block.line}–${block.line + block.lines - 1}`).toBe(true);
      expect(block.bytes.at(-1)).not.toBe(10);
    }
    expect(await viaBlocks(chunks)).toEqual(await viaLines(chunks));
  });

  it('moves each block in memory of its own, which a worker thread can be sent to keep', async () => {
    const items: Array<LeadInput | LineBlock> = [];
    const chunks = Buffer.from('{"id":1}\n{"id":2}\n{"id":3}\n{"id":4}\n');
    for await (const item of jsonlBlocks(Readable.from([chunks.subarray(0, 12), chunks.subarray(12, 30), chunks.subarray(30)]), 'x')) items.push(item);
    const memory = blockMemory(items);
    expect(memory).toHaveLength(2);
    expect(new Set([...memory, chunks.buffer]).size).toBe(3);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(items, memory);
    port1.close();
    port2.close();
    expect(memory.map((buffer) => buffer.byteLength)).toEqual([0, 0]);
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
