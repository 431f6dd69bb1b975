// Deterministic synthetic leads for trying the CLI on volume: `npx tsx scripts/generate-leads.ts 100000 > leads.jsonl`.
// The same count always gives the same file (a fixed-seed generator), so measurements can be repeated.
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';

const now = Date.parse('2026-11-23T12:00:00Z');
const domains = ['gmail.com', 'acme.com', 'nordsoft.de', 'bigcorp.ch', 'startup.io', 'web.de', 'example.org'];
const titles = ['CTO', 'CEO', 'VP Sales', 'Head of Marketing', 'Engineer', 'Student', 'Analyst', ''];
const industries = ['Software', 'IT Services', 'Fintech', 'Retail', 'Education', 'Healthcare'];
const countries = ['DE', 'AT', 'CH', 'US', 'FR', 'GB'];
const events: Array<[string, string | undefined, string[]]> = [
  ['open', 'email', []],
  ['click', 'email', []],
  ['visit', 'page', ['/pricing', '/pricing/enterprise', '/blog/lead-scoring', '/docs']],
  ['download', 'whitepaper', ['lead-scoring-guide']],
  ['request', 'demo', []],
  ['attend', 'webinar', ['Scoring 101']],
  ['unsubscribe', undefined, []],
];

/** `count` leads (0–60 events each, up to 120 days before 2026-11-23T12:00:00Z), one JSON text per lead, always the same ones. */
export function* generateLeads(count: number): Generator<string> {
  let seed = 20261123;
  /** A linear congruential generator: enough randomness for test data, identical on every machine. */
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  for (let i = 0; i < count; i++) {
    const lead: Record<string, unknown> = {
      id: `L${i}`,
      email: `lead${i}@${pick(domains)}`,
      title: pick(titles),
      industry: pick(industries),
      employees: Math.floor(random() * 5000),
      revenue: Math.floor(random() * 1e9),
      country: pick(countries),
    };
    if (random() < 0.6) lead['phone'] = '+49 30 1234567';
    const history = [];
    for (let n = Math.floor(random() * 61); n > 0; n--) {
      const [type, object, names] = pick(events);
      const event: Record<string, string> = { type, at: new Date(now - random() * 120 * 86_400_000).toISOString() };
      if (object) event['object'] = object;
      if (names.length > 0) event['name'] = pick(names);
      history.push(event);
    }
    lead['events'] = history;
    yield JSON.stringify(lead);
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1000);
  if (!Number.isInteger(count) || count < 0) {
    process.stderr.write('usage: generate-leads.ts COUNT\n');
    process.exit(1);
  }
  // A reader that stops early (`| head`) is no error.
  process.stdout.on('error', () => process.exit(0));
  const out: string[] = [];
  const flush = async () => {
    // Wait while a slow reader (a pipe) catches up, or a million leads pile up in memory.
    if (!process.stdout.write(out.join('\n') + '\n')) await once(process.stdout, 'drain');
    out.length = 0;
  };
  for (const line of generateLeads(count)) {
    out.push(line);
    if (out.length === 1000) await flush();
  }
  if (out.length > 0) await flush();
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
