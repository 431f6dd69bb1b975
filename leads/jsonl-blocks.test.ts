import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { blockLeads, blockMemory, FieldTally, jsonlBlocks, jsonlStreamLeads, type LeadInput, type LineBlock } from './node.js';
import type { PolicyIr } from '../runtime/rule-graph.js';

/** The leads of `chunks` as `score --jobs` reads them: each block's memory moved away (as to a worker thread) before it is parsed. */
async function viaBlocks(chunks: Array<string | Buffer>, limit?: number): Promise<LeadInput[]> {
  const leads: LeadInput[] = [];
  for await (const item of jsonlBlocks(Readable.from(chunks), 'leads.jsonl', limit)) {
    if ('bytes' in item) leads.push(...blockLeads(structuredClone(item, { transfer: blockMemory([item]) })));
    else leads.push(item);
  }
  return leads;
}

/** A copy of `bytes` that alone holds its memory, as a chunk a stream reads does. */
const owned = (bytes: Buffer): Buffer => {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
};

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
        const expected = await viaLines(chunks);
        expect(await viaBlocks(chunks)).toEqual(expected);
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
      fc.asyncProperty(fc.array(line, { maxLength: 10 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), async (lines, lastEnds, cuts, ownChunks) => {
        const bytes = Buffer.concat(lines.flatMap((bytes, index) => (index < lines.length - 1 || lastEnds ? [bytes, Buffer.from('\n')] : [bytes])));
        const chunks = cutBytesAt(bytes, cuts).map((chunk) => (ownChunks ? owned(chunk) : chunk));
        // First: jsonlBlocks moves the memory of chunks that own theirs.
        const expected = await viaLines(chunks, limit);
        expect(await viaBlocks(chunks, limit)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('moves a chunk a stream read to a worker thread with the block of its lines, and copies the line it completes and any chunk it cannot move', async () => {
    const bytes = Buffer.from('{"id":1}\n{"id":2}\n{"id":3}\n{"id":4}\n{"id":5}\n{"id":6}\n{"id"');
    const chunks = [bytes.subarray(0, 12), owned(bytes.subarray(12, 40)), bytes.subarray(40)];
    const blocks: LineBlock[] = [];
    for await (const item of jsonlBlocks(Readable.from(chunks), 'x')) if ('bytes' in item) blocks.push(item);
    expect(blocks.map(({ line, lines, bytes }) => [line, lines, Buffer.from(bytes).toString()])).toEqual([
      [2, 1, '{"id":2}'],
      [3, 2, '{"id":3}\n{"id":4}'],
      [5, 1, '{"id":5}'],
      [6, 1, '{"id":6}'],
      [7, 1, '{"id"'],
    ]);
    // Only the chunk that alone holds its memory goes with its block; every other block has memory of its own.
    expect(blocks.map((block) => block.bytes.buffer === chunks[1]!.buffer)).toEqual([false, true, false, false, false]);
    expect(new Set([...blockMemory(blocks), bytes.buffer]).size).toBe(6);
  });

  it('a worker thread decodes a large block in pieces of whole lines, a line longer than a piece whole', async () => {
    const lines = Array.from({ length: 3000 }, (_, index) => (index === 1200 ? `{"id":"${'日'.repeat(100_000)}"}` : `{"id":${index},"note":"${'é😀'.repeat(index % 50)}"}`));
    const bytes = Buffer.from(lines.join('\n') + '\n');
    // The first chunk ends inside the long line, which is pending when the second chunk comes.
    const cut = bytes.indexOf('日') + 50_000;
    const chunks = [owned(bytes.subarray(0, cut)), owned(bytes.subarray(cut))];
    const blocks: LineBlock[] = [];
    for await (const item of jsonlBlocks(Readable.from(chunks), 'x')) if ('bytes' in item) blocks.push(item);
    expect(blocks.map((block) => block.bytes.length > 64 * 1024)).toEqual([true, true, true]);
    const expected = await viaLines(chunks);
    expect(await viaBlocks(chunks)).toEqual(expected);
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
      { line: 3, lines: 1, bytes: '{"id":3}' },
      { line: 4, lines: 1, bytes: '' },
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
