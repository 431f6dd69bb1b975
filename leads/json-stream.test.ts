import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonlStreamLeads, type LeadInput } from './node.js';
import { acceptanceNow, jsonLines, runCli } from '../test-support/harness.js';

async function read(text: string, documentLimit?: number): Promise<LeadInput[]> {
  const leads: LeadInput[] = [];
  for await (const lead of jsonlStreamLeads(Readable.from([text]), 'leads.jsonl', documentLimit)) leads.push(lead);
  return leads;
}

describe('jsonlStreamLeads', () => {
  it('reads one lead per line, numbered by line, skipping blank lines', async () => {
    expect(await read('{"id":"a"}\n\n{"id":2}\r\n')).toEqual([
      { line: 1, id: 'a', lead: { id: 'a' } },
      { line: 3, id: 2, lead: { id: 2 } },
    ]);
  });

  it('reads one lead spread over several lines (a .json file, `jq .` output) as one lead, on the line where it starts', async () => {
    const pretty = '\ufeff\n' + JSON.stringify({ id: 'L1', title: 'CTO', events: [{ type: 'open', at: '2026-11-20T12:00:00Z' }] }, null, 2) + '\n';
    expect(await read(pretty)).toEqual([{ line: 2, id: 'L1', lead: { id: 'L1', title: 'CTO', events: [{ type: 'open', at: '2026-11-20T12:00:00Z' }] } }]);
  });

  it('reads the lines as JSON Lines after all when the whole is not one JSON value', async () => {
    const leads = await read('nope\n{"id":"b"}\n\n{ broken\n');
    expect(leads.map(({ line, id, error }) => ({ line, id, error: error?.replace(/:.*/, '') }))).toEqual([
      { line: 1, id: null, error: 'not valid JSON' },
      { line: 2, id: 'b', error: undefined },
      { line: 4, id: null, error: 'not valid JSON' },
    ]);
  });

  it('stops holding lines past the limit and reads them, and the rest, as JSON Lines', async () => {
    const text = 'nope\n{"id":"b"}\n{"id":"c"}\n{"id":"d"}\n';
    expect((await read(text, 15)).map((lead) => [lead.line, lead.id])).toEqual([
      [1, null],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
    expect(await read('{\n"id": "long"\n}\n', 10)).toHaveLength(3);
    expect(await read('{\n"id": "long"\n}\n')).toHaveLength(1);
  });

  it('only the first line decides: a later line that is not JSON is an error in its place', async () => {
    expect((await read('{"id":"a"}\n{\n"id": "b"}\n')).map((lead) => lead.error === undefined)).toEqual([true, false, false]);
  });
});

describe('leadscore score with one lead spread over several lines', () => {
  it('scores it as one lead', async () => {
    const { code, stdout } = await runCli(['score', 'test-support/fixtures/small.score', '-', '--now', acceptanceNow], { stdin: '{\n  "id": "P1",\n  "title": "CTO"\n}\n' });
    expect(code).toBe(0);
    expect(jsonLines(stdout)).toMatchObject([{ id: 'P1', score: 10 }]);
  });
});
