/**
 * The readers of leads on mutated files, through `leadscore score` in-process: the acceptance
 * leads (JSON Lines, as a file and on standard input in random chunks, cut inside characters too)
 * and the CSV fixtures (a profile CSV alone or with its events CSV), with lines cut, joined,
 * duplicated and swapped, CR, LF and CRLF mixed, byte-order marks, unbalanced quotes, NULs, huge
 * cells (within the limits), repeated and `__proto__` columns inserted. For every file:
 *
 * - every record of the input has exactly one line of output, in order (with `--bad-values` either way): a result with the record's
 *   id, or an error naming the record's line (JSON) or row (CSV). The records are counted
 *   independently: the JSON lines here, the CSV records by the whole-text reader the playground
 *   uses (so the CLI's streamed reading and the playground's agree);
 * - a summary on stderr counts the results and the errors; the exit code is 2 when any record
 *   failed (or an event could not be used), else 0;
 * - or the file cannot be read at all (an empty CSV, a header without an id column or naming a
 *   column twice, an unusable events file): exit code 1, one line on stderr, no results;
 * - never a stack trace, never an internal error.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { csvTextRecords, idOf, type CsvItem } from '../leads/index.js';
import { root, runCli, stackTraceLine } from '../test-support/harness.js';
import { excerpt, expectThat } from './failure.js';
import { anyText, applyMutations, describeMutation, mutation, mutations, oddCharacters, type Mutation, type Sizes } from './mutations.js';

const now = '2026-11-23T12:00:00Z';
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The files mutations start from, each with the policy it is scored with. */
const bases = {
  jsonl: { text: read('examples/leads.jsonl'), policy: 'examples/b2b-saas.score' },
  'leads.csv': { text: read('test-support/fixtures/csv/leads.csv'), policy: 'test-support/fixtures/csv/policy.score' },
  'bad-leads.csv': { text: read('test-support/fixtures/csv/bad-leads.csv'), policy: 'test-support/fixtures/csv/policy.score' },
};
const eventsText = read('test-support/fixtures/csv/events.csv');

export type BaseFile = keyof typeof bases;

export interface ReadersCase {
  file: BaseFile;
  mutations: Mutation[];
  /** Columns added to a CSV: the header gets the name, every other line the value. */
  columns: Array<{ name: string; value: string }>;
  /** JSON Lines on standard input, in chunks cut at these places (bytes of UTF-8, so a character may be cut); else a file. */
  chunks?: number[];
  /** A profile CSV with the events CSV, itself mutated by these. */
  events?: Mutation[];
  /** `--bad-values missing`: a value of the wrong type is read as missing, with a warning, instead of failing its lead. */
  badValuesMissing?: boolean;
}

/** What an insertion inserts into a file of leads. */
function readerInsertion(sizes: Sizes): fc.Arbitrary<string> {
  const long = fc.integer({ min: 1, max: sizes.long });
  return fc.oneof(
    fc.constantFrom('"', '""', ',', ';', '\t', '\ufeff', '\u0000', '\r', '\n', '\r\n', '\n\n', ' ', '\\', '{', '}', '[', ']', 'null', '{}', '[]', '"id":', ':', 'L1', ',L1'),
    fc.constantFrom(
      '{"id":"L9","title":"CTO"}',
      '{"__proto__":{"title":"CTO"},"id":"P1"}',
      '{"id":{"__proto__":1}}',
      '{"id":"C","constructor":{"prototype":1}}',
      '{"id":"E","events":{}}',
    ),
    fc.constantFrom(...oddCharacters),
    anyText(10),
    long.map((n) => 'x'.repeat(n)),
    long.map((n) => `"${'x'.repeat(n)}`),
    long.map((n) => `"${'y,'.repeat(n)}"`),
    long.map((n) => '9'.repeat(n)),
  );
}

export function readersCase(sizes: Sizes): fc.Arbitrary<ReadersCase> {
  const column = fc.record({
    name: fc.constantFrom('__proto__', 'constructor', 'toString', 'id', 'ID', ' id ', 'title', 'Title', '', 'events', 'x'),
    value: fc.constantFrom('', 'CTO', '1', '{}', 'x'),
  });
  const inserts = readerInsertion(sizes);
  const edits = mutations(sizes, 5, inserts);
  const jsonl: fc.Arbitrary<ReadersCase> = fc
    .record({ mutations: edits, chunks: fc.option(fc.array(fc.nat(), { maxLength: 6 }), { nil: undefined }) })
    .map(({ mutations, chunks }) => ({ file: 'jsonl', mutations, columns: [], ...(chunks && { chunks }) }));
  const profile: fc.Arbitrary<ReadersCase> = fc.record({
    file: fc.constantFrom<BaseFile>('leads.csv', 'bad-leads.csv'),
    mutations: edits,
    columns: fc.array(column, { maxLength: 2 }),
  });
  const withEvents: fc.Arbitrary<ReadersCase> = fc
    .record({ mutations: fc.array(mutation(sizes, inserts), { maxLength: 2 }), events: edits })
    .map(({ mutations, events }) => ({ file: 'leads.csv', mutations, columns: [], events }));
  return fc.tuple(fc.oneof(jsonl, profile, withEvents), fc.boolean()).map(([c, badValuesMissing]) => (badValuesMissing ? { ...c, badValuesMissing } : c));
}

/** The text of the (mutated) leads file. */
export function leadsText(c: ReadersCase): string {
  let text = applyMutations(bases[c.file].text, c.mutations);
  if (c.columns.length > 0) {
    text = text
      .split('\n')
      .map((line, i) => (line === '' && i > 0 ? line : line + c.columns.map((column) => `,${i === 0 ? column.name : column.value}`).join('')))
      .join('\n');
  }
  return text;
}

export function describeReadersCase(c: ReadersCase): string {
  return [
    `${c.file}${c.chunks ? ` on standard input, cut at ${JSON.stringify(c.chunks)}` : ''}${c.events ? ' with events' : ''}${c.badValuesMissing ? ', --bad-values missing' : ''}`,
    `mutations: ${c.mutations.map(describeMutation).join('; ') || 'none'}`,
    c.columns.length > 0 ? `columns: ${JSON.stringify(c.columns)}` : '',
    c.events ? `events mutations: ${c.events.map(describeMutation).join('; ')}` : '',
    `--- the leads:\n${excerpt(leadsText(c), 2000)}`,
    c.events ? `--- the events:\n${excerpt(applyMutations(eventsText, c.events), 2000)}` : '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

let folder: string | undefined;
const scratch = () => (folder ??= mkdtempSync(join(tmpdir(), 'leadscore-hostile-')));

/** A record of the input as counted here: its line or row, whether it can be a result at all, and its id. */
interface Expected {
  line: number;
  readable: boolean;
  id: string | number | null;
}

/** The property. */
export async function checkReadersCase(c: ReadersCase): Promise<void> {
  const text = leadsText(c);
  const { policy } = bases[c.file];
  const csv = c.file !== 'jsonl';
  const dir = scratch();
  const leadsPath = join(dir, csv ? 'leads.csv' : 'leads.jsonl');
  let stdin: Readable | undefined;
  if (c.chunks) stdin = Readable.from(chunksOf(Buffer.from(text, 'utf8'), c.chunks));
  else writeFileSync(leadsPath, text);
  const args = ['score', policy, c.chunks ? '-' : leadsPath, '--now', now, ...(c.badValuesMissing ? ['--bad-values', 'missing'] : [])];
  if (c.events) {
    writeFileSync(join(dir, 'events.csv'), applyMutations(eventsText, c.events));
    args.push('--events', join(dir, 'events.csv'));
  }
  const run = await runCli(args, stdin ? { stdin } : {});
  const shown = () => `exit code ${run.code}\n--- stdout:\n${excerpt(run.stdout, 3000)}\n--- stderr:\n${excerpt(run.stderr, 2000)}`;
  expectThat(!stackTraceLine.test(run.stdout + run.stderr), () => `a stack trace:\n${shown()}`);
  expectThat(!/internal error/i.test(run.stdout + run.stderr), () => `an internal error:\n${shown()}`);

  const expected = csv ? csvExpected(text) : jsonExpected(text);
  const eventsUnreadable = c.events !== undefined && run.code === 1 && expected !== 'unreadable';
  if (expected === 'unreadable' || eventsUnreadable) {
    // The whole file cannot be read: one message naming it, no results.
    const file = eventsUnreadable ? join(dir, 'events.csv') : leadsPath;
    expectThat(
      run.code === 1 && run.stdout === '' && /^leadscore: [^\n]+\n$/.test(run.stderr) && run.stderr.includes(file),
      () => `a file that cannot be read (${file}) should be one message naming it (exit code 1):\n${shown()}`,
    );
    return;
  }
  expectThat(run.code === 0 || run.code === 2, () => `exit code ${run.code} for a file that can be read:\n${shown()}`);
  const outputs = run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { id?: unknown; line?: number; error?: string });
  expectThat(
    outputs.length === expected.length,
    () => `${expected.length} records in, ${outputs.length} lines out (records at ${expected.map((e) => e.line).join(', ')}):\n${shown()}`,
  );
  let errors = 0;
  for (const [i, out] of outputs.entries()) {
    const record = expected[i]!;
    if (out.error !== undefined) {
      errors++;
      expectThat(out.line === record.line, () => `output ${i + 1} is an error for line ${out.line}, but record ${i + 1} is at ${record.line}:\n${shown()}`);
    } else {
      expectThat(record.readable, () => `output ${i + 1} is a result, but record ${i + 1} (at ${record.line}) cannot be read:\n${shown()}`);
      expectThat(
        record.id === null || out.id === record.id,
        () => `output ${i + 1} is the result of ${JSON.stringify(out.id)}, but record ${i + 1} (at ${record.line}) is ${JSON.stringify(record.id)}:\n${shown()}`,
      );
    }
  }
  const summary = /^leadscore: scored (\d+) leads?(?: \(\d+ with values read as missing\))?, (\d+) failed/m.exec(run.stderr);
  expectThat(summary !== null, () => `no summary on stderr:\n${shown()}`);
  expectThat(
    Number(summary[1]) === outputs.length - errors && Number(summary[2]) === errors,
    () => `the summary miscounts: ${summary[0]}, but ${outputs.length - errors} results and ${errors} errors:\n${shown()}`,
  );
  const eventProblems = /problems? with the events/.test(summary.input.slice(summary.index).split('\n')[0]!);
  expectThat(run.code === (errors > 0 || eventProblems ? 2 : 0), () => `exit code ${run.code} with ${errors} errors:\n${shown()}`);
}

/** Cuts a text's bytes at the given places (modulo its length): chunks as a pipe might deliver them. */
function chunksOf(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const places = [...new Set(cuts.map((cut) => (bytes.length === 0 ? 0 : cut % bytes.length)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const place of [...places, bytes.length]) {
    if (place > from) chunks.push(bytes.subarray(from, place));
    from = Math.max(from, place);
  }
  return chunks;
}

/**
 * The records of JSON Lines: each non-blank line (a line ends at LF; a CR before it is dropped; a
 * byte-order mark opens the first line), except that when the first non-blank line is not JSON
 * and the text from there on is one JSON value, that is the one record (a lead spread over lines).
 */
function jsonExpected(text: string): Expected[] {
  const lines = text.split('\n').map((line, i) => (i === 0 ? line.replace(/^\ufeff/, '') : line).replace(/\r$/, ''));
  const parse = (line: string): { ok: boolean; value?: unknown } => {
    try {
      return { ok: true, value: JSON.parse(line) as unknown };
    } catch {
      return { ok: false };
    }
  };
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first >= 0 && !parse(lines[first]!).ok) {
    const whole = parse(lines.slice(first).join('\n'));
    if (whole.ok) return [{ line: first + 1, readable: true, id: idOf(whole.value) }];
  }
  return lines.flatMap((line, i) => {
    if (line.trim() === '') return [];
    const parsed = parse(line);
    return [{ line: i + 1, readable: parsed.ok, id: parsed.ok ? idOf(parsed.value) : null }];
  });
}

/** The records of a profile CSV after its header, or 'unreadable' when the header cannot be used. */
function csvExpected(text: string): Expected[] | 'unreadable' {
  const items: CsvItem[] = csvTextRecords(text);
  const header = items[0];
  if (!header || 'error' in header) return 'unreadable';
  const names = header.cells.map((cell) => cell.trim().toLowerCase()).filter((name) => name !== '');
  if (new Set(names).size !== names.length || !names.includes('id')) return 'unreadable';
  const idColumn = header.cells.findIndex((cell) => cell.trim().toLowerCase() === 'id');
  return items
    .slice(1)
    .map((item) => ('error' in item ? { line: item.row, readable: false, id: null } : { line: item.row, readable: true, id: item.cells[idColumn]?.trim() || null }));
}
