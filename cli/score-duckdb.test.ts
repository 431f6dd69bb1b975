import { describe, expect, it } from 'vitest';
import { acceptanceNow, fixtures, runCli } from '../test-support/harness.js';

const crm = `${fixtures}/crm`;

/** `leadscore score --engine duckdb` must write what the runtime writes, reasons aside. */
describe('leadscore score --engine duckdb', () => {
  const runtimeAndDuckDb = async (args: string[]) => Promise.all([runCli(args), runCli([...args, '--engine', 'duckdb'])]);

  it('writes the same JSON Lines and table as the runtime for the example leads', { timeout: 60_000 }, async () => {
    for (const format of ['jsonl', 'table', 'csv']) {
      const [runtime, duckdb] = await runtimeAndDuckDb(['score', 'examples/b2b-saas.score', 'examples/leads.jsonl', '--now', acceptanceNow, '--format', format]);
      expect(duckdb.code).toBe(0);
      expect(duckdb.stdout).toBe(runtime.stdout);
      expect(duckdb.stderr).toBe(runtime.stderr);
    }
  });

  it('reads a CRM export with its events and CRM names as the runtime does', { timeout: 60_000 }, async () => {
    const [runtime, duckdb] = await runtimeAndDuckDb([
      'score',
      `${crm}/hubspot.score`,
      `${crm}/hubspot-contacts.csv`,
      '--events',
      `${crm}/hubspot-events.csv`,
      '--now',
      acceptanceNow,
    ]);
    expect(duckdb.stdout).toBe(runtime.stdout);
    expect(duckdb.code).toBe(runtime.code);
  });

  it('refuses --explain and the CRM import formats, which need reasons', async () => {
    const { code, stderr } = await runCli(['score', 'examples/b2b-saas.score', 'examples/leads.jsonl', '--now', acceptanceNow, '--engine', 'duckdb', '--explain']);
    expect(stderr).toContain('--engine duckdb scores without reasons');
    expect(code).toBe(1);
  });
});
