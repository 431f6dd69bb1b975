/**
 * Where one thread's time goes when `leadscore score` reads JSON Lines: each stage of the CLI's
 * work timed on its own, over the same generated leads, in chunks of 10,000 (the leads are never
 * all in memory). What `--jobs N` spreads over threads is everything but the first stage.
 *
 *   npx tsx bench/stages.ts [N]      (default 1,000,000 leads)
 */
import { StringDecoder } from 'node:string_decoder';
import { pathToFileURL } from 'node:url';
import { FieldTally, jsonLine } from '../leads/index.js';
import { loadPolicy, type Policy, type ScoreResult } from '../runtime/index.js';
import { parseIsoTime } from '../runtime/support.js';
import { generateLeads } from '../scripts/generate-leads.js';
import { referenceIr } from './implementations.js';
import { formatNumber, formatTable } from './table.js';

const now = new Date('2026-11-23T12:00:00Z');
const chunkSize = 10_000;

export interface Stage {
  stage: string;
  /** What the stage does, as the CLI does it. */
  does: string;
  seconds: number;
}

export interface StageTimes {
  leads: number;
  events: number;
  stages: Stage[];
  /** Part of lead validation, timed on its own. */
  timeParsing: Stage;
  /** Lead validation and scoring as `policy.score` does them: fused, the generated code checking the lead as it scores it. */
  fused: Stage;
}

const stageNames = {
  lines: ['reading lines', 'decode the UTF-8 input 64 KiB at a time, cut it at each line feed (linesOf; file reads not included)'],
  json: ['JSON parsing', 'JSON.parse of each line (jsonLine)'],
  validation: ['lead validation', "the policy's lead check: the types of fields and events, each event's time parsed (policy.validate)"],
  times: ['of which event-time parsing', 'each event time, ISO-8601, to epoch milliseconds (parseIsoTime), timed on its own'],
  scoring: ['scoring', 'the generated scorer: rules, caps, decay, sections, decisions, reasons'],
  fused: [
    'validation and scoring, fused',
    'what score does: the generated code checks the lead as it scores it, one pass over the events (policy.score); instead of the two rows above, not added to the total',
  ],
  report: ['field report', 'counting what each field the policy reads got (FieldTally.add)'],
  output: ['output', 'JSON.stringify of each result without its reasons'],
} as const;

type StageKey = keyof typeof stageNames;

/** Times each stage over `count` generated leads of examples/b2b-saas.score, one thread. */
export async function measureStages(count = 1_000_000, log: (line: string) => void = () => {}): Promise<StageTimes> {
  const policy = loadPolicy(await referenceIr(), { backend: 'generated' });
  const seconds: Record<StageKey, number> = { lines: 0, json: 0, validation: 0, times: 0, scoring: 0, fused: 0, report: 0, output: 0 };
  const generated = generateLeads(count);
  let done = 0;
  let events = 0;
  while (done < count) {
    const lines: string[] = [];
    for (let i = 0; i < chunkSize && done + i < count; i++) lines.push(generated.next().value as string);
    done += lines.length;
    events += measureChunk(policy, lines.join('\n') + '\n', seconds);
    if (done % 100_000 === 0) log(`stages: ${formatNumber(done, 0)} leads`);
  }
  const stages = (Object.keys(stageNames) as StageKey[])
    .filter((key) => key !== 'times' && key !== 'fused')
    .map((key) => ({ stage: stageNames[key][0], does: stageNames[key][1], seconds: seconds[key] / 1000 }));
  const aside = (key: 'times' | 'fused') => ({ stage: stageNames[key][0], does: stageNames[key][1], seconds: seconds[key] / 1000 });
  return { leads: count, events, stages, timeParsing: aside('times'), fused: aside('fused') };
}

/** The lines of UTF-8 text, decoded and cut as linesOf cuts a file: 64 KiB at a time, a line begun in one piece finished in the next. */
function cutLines(bytes: Buffer): string[] {
  const decoder = new StringDecoder('utf8');
  const lines: string[] = [];
  let pending = '';
  for (let at = 0; at < bytes.length; at += 65_536) {
    const piece = decoder.write(bytes.subarray(at, at + 65_536));
    let start = 0;
    for (let end = piece.indexOf('\n'); end >= 0; start = end + 1, end = piece.indexOf('\n', start)) {
      lines.push(pending + piece.slice(start, end));
      pending = '';
    }
    pending += piece.slice(start);
  }
  return lines;
}

/** Runs every stage over one chunk of text, adding each one's milliseconds; returns the number of events. */
function measureChunk(policy: Policy, text: string, ms: Record<StageKey, number>): number {
  const time = <T>(key: StageKey, run: () => T): T => {
    const started = performance.now();
    const result = run();
    ms[key] += performance.now() - started;
    return result;
  };
  const bytes = Buffer.from(text);
  const lines = time('lines', () => cutLines(bytes));
  const leads = time('json', () => lines.map((line, index) => jsonLine(line, index + 1).lead));
  const times = time('validation', () => leads.map((lead) => policy.validate(lead) as unknown as readonly number[]));
  // Timed after the check, which has read the same texts: both find them in the cache.
  const atTimes = leads.flatMap((lead) => ((lead as { events?: Array<{ at: string }> }).events ?? []).map((event) => event.at));
  time('times', () => {
    let sum = 0;
    for (const at of atTimes) sum += parseIsoTime(at);
    return sum;
  });
  // The generated scorer itself, given the checked lead's event times, as GeneratedPolicy.score calls it.
  const scorer = (policy as unknown as { scorer: (lead: unknown, times: readonly number[], now: number) => ScoreResult }).scorer;
  const nowMillis = now.getTime();
  const results = time('scoring', () => leads.map((lead, index) => scorer(lead, times[index]!, nowMillis)));
  time('fused', () => leads.map((lead) => policy.score(lead, { now: nowMillis })));
  const tally = new FieldTally(policy.ir);
  time('report', () => {
    for (const lead of leads) tally.add(lead);
  });
  time('output', () => {
    let length = 0;
    for (const result of results) {
      const { reasons: _reasons, ...rest } = result as ScoreResult;
      length += (JSON.stringify(rest) + '\n').length;
    }
    return length;
  });
  return atTimes.length;
}

/** The stages as a table: seconds, µs per lead, share of the whole. */
export function stagesTable({ leads, stages, timeParsing, fused }: StageTimes): string {
  const total = stages.reduce((sum, stage) => sum + stage.seconds, 0);
  const row = (stage: Stage, name = stage.stage) => [
    name,
    formatNumber(stage.seconds, 2),
    formatNumber((stage.seconds / leads) * 1e6, 2),
    `${formatNumber((stage.seconds / total) * 100, 0)}%`,
  ];
  const rows = stages.flatMap((stage) =>
    stage.stage === 'lead validation'
      ? [row(stage), row(timeParsing, `  ${timeParsing.stage}`)]
      : stage.stage === 'scoring'
        ? [row(stage), row(fused, `(${fused.stage})`)]
        : [row(stage)],
  );
  return formatTable(['stage', 'seconds', 'µs/lead', 'share'], [...rows, ['all', formatNumber(total, 2), formatNumber((total / leads) * 1e6, 2), '100%']]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number((process.argv[2] ?? '1000000').replace(/[,_]/g, ''));
  const times = await measureStages(count, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${formatNumber(times.leads, 0)} leads, ${formatNumber(times.events, 0)} events, one thread\n\n${stagesTable(times)}\n`);
  for (const stage of [...times.stages, times.timeParsing, times.fused]) process.stdout.write(`  ${stage.stage}: ${stage.does}\n`);
}
