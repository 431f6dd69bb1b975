// CRM exports as they come — HubSpot's and Salesforce's own column labels, API names and event
// types — score exactly like the acceptance leads written in the policy's own names, through
// the command line, the HTTP service and the embedded runtime.
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { loadPolicy } from '../runtime/index.js';
import { startServer, type RunningServer } from '../server/index.js';
import { acceptanceNow, fixtures, jsonLines, readRepoFile, root, runCli, withoutPolicy } from '../test-support/harness.js';
import type { CliIo } from '../workspace/index.js';

const crm = `${fixtures}/crm`;
const expected = jsonLines(readRepoFile('examples/expected.jsonl'));
const acceptance = jsonLines(readRepoFile('examples/leads.jsonl')) as Array<Record<string, any>>;

/** The acceptance leads as a HubSpot webhook or API call sends them: internal property names, HubSpot event types. */
const hubspotTypes: Record<string, string> = {
  'open email': 'EMAIL_OPEN',
  'click email': 'EMAIL_CLICK',
  'visit page': 'PAGE_VIEW',
  'attend webinar': 'WEBINAR_ATTENDANCE',
  unsubscribe: 'UNSUBSCRIBED',
  'download whitepaper': 'Whitepaper Download',
  'request demo': 'Demo Request',
};
const apiNames: Record<string, string> = {
  id: 'hs_object_id',
  email: 'email',
  title: 'jobtitle',
  industry: 'industry',
  employees: 'numemployees',
  revenue: 'annualrevenue',
  country: 'country',
  phone: 'phone',
};
/** A result as examples/expected.jsonl holds it: without its reasons and policy. */
const bare = (results: unknown[]) =>
  withoutPolicy(results).map((result) => {
    const { reasons: _reasons, ...rest } = result as Record<string, unknown>;
    return rest;
  });
const asHubspotApi = (lead: Record<string, any>) => ({
  ...Object.fromEntries(
    Object.entries(lead)
      .filter(([key]) => key !== 'events')
      .map(([key, value]) => [apiNames[key]!, value]),
  ),
  events: (lead['events'] as Array<Record<string, string>>).map((event) => ({
    eventType: hubspotTypes[[event['type'], event['object']].filter(Boolean).join(' ')],
    ...(event['name'] !== undefined && { eventName: event['name'] }),
    occurredAt: event['at'],
  })),
});

describe('a HubSpot contact export with its events file', () => {
  const args = ['score', `${crm}/hubspot.score`, `${crm}/hubspot-contacts.csv`, '--events', `${crm}/hubspot-events.csv`, '--now', acceptanceNow];

  it('scores exactly like the acceptance leads, reporting the columns the policy does not read', async () => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(0);
    expect(withoutPolicy(jsonLines(stdout))).toEqual(expected);
    expect(stderr).toContain('leadscore: fields read: email 6 present; title 5 present, 1 missing;');
    expect(stderr).toContain('leadscore: not read by the policy: Lifecycle Stage, Create Date\n');
    expect(stderr).not.toContain('warning');
  });

  it('without the mapping, warns that nothing gives the fields the policy reads, and --strict makes that an error', async () => {
    const unmapped = ['score', 'examples/b2b-saas.score', `${crm}/hubspot-contacts.csv`, '--now', acceptanceNow];
    const { stderr } = await runCli(unmapped);
    expect(stderr).toContain(`leadscore: ${crm}/hubspot-contacts.csv has no id column; its header is: Record ID,First Name`);
    const renamed = await runCli(['score', `${crm}/hubspot-id-only.score`, `${crm}/hubspot-contacts.csv`, '--now', acceptanceNow]);
    expect(renamed.code).toBe(0);
    expect(renamed.stderr).toContain(
      `leadscore: warning: nothing in ${crm}/hubspot-contacts.csv gives the fields \`title\`, \`employees\`, \`revenue\`, \`country\`, \`phone\` that the policy reads, so every lead was scored without them;`,
    );
    const strict = await runCli(['score', `${crm}/hubspot-id-only.score`, `${crm}/hubspot-contacts.csv`, '--now', acceptanceNow, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('leadscore: error: nothing in');
    // Email and Industry are read: header names are matched without regard to case.
    expect(renamed.stderr).toContain('leadscore: fields read: email 6 present; title 0 present, 6 missing; industry 5 present, 1 missing;');
  });
});

describe('a Salesforce report of Leads with their activities', () => {
  it('scores exactly like the acceptance leads', async () => {
    const { code, stdout, stderr } = await runCli([
      'score',
      `${crm}/salesforce.score`,
      `${crm}/salesforce-leads.csv`,
      '--events',
      `${crm}/salesforce-activities.csv`,
      '--now',
      acceptanceNow,
    ]);
    expect(code).toBe(0);
    expect(withoutPolicy(jsonLines(stdout))).toEqual(expected);
    expect(stderr).toContain('leadscore: not read by the policy: Created Date\n');
  });
});

describe('HubSpot API names in the HTTP service and the embedded runtime', () => {
  const running: RunningServer[] = [];
  afterAll(async () => Promise.all(running.map((server) => server.close())));

  it('the embedded runtime scores webhook-style leads like the acceptance leads', () => {
    const { ir } = compile(readRepoFile(`${crm}/hubspot.score`), {
      fileName: `${crm}/hubspot.score`,
      host: { resolve: (from, specifier) => join(from, '..', specifier), readFile: (path) => readRepoFile(path) },
    });
    const policy = loadPolicy(ir);
    expect(bare(acceptance.map((lead) => policy.score(asHubspotApi(lead), { now: acceptanceNow })))).toEqual(expected);
  });

  it('serve scores them like the acceptance leads, warns about a lead under unknown names, and counts the fields in /healthz', async () => {
    let stderr = '';
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (chunk) => ((stderr += chunk), true) },
      stdin: Readable.from([]),
      cwd: root,
      stdoutIsTty: false,
      stderrIsTty: false,
      clock: () => new Date(acceptanceNow),
    };
    const server = await startServer({ policy: `${crm}/hubspot.score`, port: 0, host: '127.0.0.1', maxBodyBytes: 1_000_000 }, io);
    running.push(server);
    const post = async (body: unknown) => (await fetch(`${server.url}/score?now=${acceptanceNow}`, { method: 'POST', body: JSON.stringify(body) })).json();
    const results = (await post(acceptance.map(asHubspotApi))) as Array<Record<string, unknown>>;
    expect(bare(results)).toEqual(expected);
    const stranger = (await post({ hs_object_id: 'X1', position: 'CTO', companySize: 200 })) as { score: number; warnings: string[] };
    // Without a title or a phone, the reference policy takes points away: the lead looks like a poor one.
    expect(stranger.score).toBe(-15);
    expect(stranger.warnings).toEqual([
      'the lead lacks `email`, `title`, `industry`, `employees`, `revenue`, `country`, `phone`, which the policy reads, and has "position", "companySize", which it does not; if those are the same fields under other names, name them in the policy (`field email from "position"`) or import a CRM mapping',
    ]);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { fields: { leads: number; fields: Array<{ name: string; present: number }> } };
    expect(health.fields.leads).toBe(7);
    expect(health.fields.fields.find((field) => field.name === 'title')).toEqual({ name: 'title', present: 5, missing: 2, unreadable: 0 });
    expect(stderr).toBe('');
  });
});
