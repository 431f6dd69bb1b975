import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { applyEvents, loadPolicy, startLead, updateProfile, type Policy } from './index.js';

const now = '2026-11-23T12:00:00Z';

function policyOf(text: string, backend: 'generated' | 'interpreter' = 'generated'): Policy {
  const { ir, diagnostics } = compile(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loadPolicy(ir, { backend });
}

const rules = `
when title contains "VP" add 10
when employees between 50 and 1000 add 5
when country = "DE" add 3
when submit form add 20
when click email add 2 each
when visit page "/pricing*" add 7
stage "SQL" when score >= 30
stage "Nurture" otherwise
`;

/** The same lead in the policy's own names: what every mapped form must score exactly like. */
const canonical = {
  id: 'L1',
  title: 'VP Sales',
  employees: 200,
  country: 'DE',
  events: [
    { type: 'submit', object: 'form', name: 'Contact us', at: '2026-11-20T10:00:00Z' },
    { type: 'click', object: 'email', at: '2026-11-21T10:00:00Z' },
    { type: 'visit', object: 'page', name: '/pricing', at: '2026-11-22T10:00:00Z' },
  ],
};

const withoutPolicy = ({ policy: _policy, ...result }: ReturnType<Policy['score']>) => result;

describe('a policy that names where fields and events come from', () => {
  for (const backend of ['generated', 'interpreter'] as const) {
    it(`scores a HubSpot export's labels, and its API names, exactly as the policy's own names (${backend})`, () => {
      const mapped = policyOf(`import "leadscore:hubspot"\n${rules}`, backend);
      const plain = policyOf(`\n${rules}`, backend);
      const expected = withoutPolicy(plain.score(canonical, { now }));
      expect(expected.score).toBe(47);
      const exported = {
        'Record ID': 'L1',
        'Job Title': 'VP Sales',
        'Number of Employees': 200,
        'Country/Region': 'DE',
        events: [
          { 'Event Type': 'Form Submission', 'Event Name': 'Contact us', Timestamp: '2026-11-20T10:00:00Z' },
          { 'Event Type': 'Email Click', Timestamp: '2026-11-21T10:00:00Z' },
          { 'Event Type': 'Page View', 'Event Name': '/pricing', Timestamp: '2026-11-22T10:00:00Z' },
        ],
      };
      const api = {
        hs_object_id: 'L1',
        jobtitle: 'VP Sales',
        numemployees: 200,
        country: 'DE',
        events: [
          { eventType: 'FORM_SUBMISSION', eventName: 'Contact us', occurredAt: '2026-11-20T10:00:00Z' },
          { eventType: 'EMAIL_CLICK', occurredAt: '2026-11-21T10:00:00Z' },
          { eventType: 'PAGE_VIEW', eventName: '/pricing', occurredAt: '2026-11-22T10:00:00Z' },
        ],
      };
      expect(withoutPolicy(mapped.score(exported, { now }))).toEqual(expected);
      expect(withoutPolicy(mapped.score(api, { now }))).toEqual(expected);
      expect(withoutPolicy(mapped.score(canonical, { now }))).toEqual(expected);
      expect(mapped.explain(exported, { now }).reasons).toEqual(plain.explain(canonical, { now }).reasons);
    });
  }

  it('scores a Salesforce Lead by labels and by API names', () => {
    const mapped = policyOf(`import "leadscore:salesforce"\n${rules}`);
    const expected = withoutPolicy(policyOf(`\n${rules}`).score(canonical, { now }));
    const report = {
      'Lead ID': 'L1',
      Title: 'VP Sales',
      'No. of Employees': 200,
      Country: 'DE',
      events: [
        { 'Activity Type': 'Form Success', 'Activity Name': 'Contact us', 'Created Date': '2026-11-20T10:00:00Z' },
        { 'Activity Type': 'Email Tracker Click', 'Created Date': '2026-11-21T10:00:00Z' },
        { 'Activity Type': 'Visitor Page View', 'Activity Name': '/pricing', 'Created Date': '2026-11-22T10:00:00Z' },
      ],
    };
    const api = { Id: 'L1', Title: 'VP Sales', NumberOfEmployees: 200, CountryCode: 'DE', events: report.events };
    expect(withoutPolicy(mapped.score(report, { now }))).toEqual(expected);
    expect(withoutPolicy(mapped.score(api, { now }))).toEqual(expected);
  });

  it("reads the field's own name first, then each source in order; missing, null and empty text fall through", () => {
    const policy = policyOf('field title from "Job Title", "Position"\nwhen title = "CTO" add 1\nwhen title = "CEO" add 2');
    const score = (lead: object) => policy.score({ id: 'x', ...lead }, { now }).score;
    expect(score({ title: 'CTO', 'Job Title': 'CEO' })).toBe(1);
    expect(score({ title: '', 'Job Title': 'CEO' })).toBe(2);
    expect(score({ title: null, 'job title': 'CTO', Position: 'CEO' })).toBe(1);
    expect(score({ 'Job Title': ' ', '  POSITION ': 'CEO' })).toBe(2);
    expect(score({ Jobtitle: 'CEO' })).toBe(0);
  });

  it('checks a value read from a source by the field’s type, naming the field', () => {
    const policy = policyOf(`import "leadscore:hubspot"\n${rules}`);
    expect(() => policy.score({ id: 'x', 'Number of Employees': 'about fifty' }, { now })).toThrow(/employees/);
  });

  it('keeps incremental states in the policy’s own names, from webhook-style events and profile changes', () => {
    const policy = policyOf(`import "leadscore:hubspot"\n${rules}`);
    const first = startLead(policy, { hs_object_id: 'L1', jobtitle: 'VP Sales' }, { now });
    expect(first.state.profile).toMatchObject({ id: 'L1', title: 'VP Sales' });
    const next = applyEvents(policy, first.state, { eventType: 'FORM_SUBMISSION', occurredAt: '2026-11-20T10:00:00Z' }, { now });
    expect(next.state.events).toEqual([expect.objectContaining({ type: 'submit', object: 'form' })]);
    expect(next.result.score).toBe(30);
    expect(next.transitions).toContainEqual({ kind: 'stage', from: 'Nurture', to: 'SQL' });
    const changed = updateProfile(policy, next.state, { numemployees: 200 }, { now });
    expect(changed.result.score).toBe(35);
  });

  it('leaves leads untouched when the policy names no sources', () => {
    const policy = policyOf(rules);
    expect(policy.readLead).toBeUndefined();
    expect(policy.score({ id: 'x', 'Job Title': 'VP Sales' }, { now }).score).toBe(0);
  });
});

describe('values a CRM writes as text, under the names the policy gives its fields', () => {
  const policy = policyOf('field employees from "numemployees"\nfield trial: boolean from "is_trial"\nwhen employees between 50 and 1000 add 5\nwhen trial is true add 1');
  const score = (lead: object) => policy.score({ id: 'x', ...lead }, { now }).score;

  it.each([
    ['200', 5],
    ['51-200', 5],
    ['1,001-5,000', 0],
    ['10,001+', 0],
    ['$1.2k', 0],
    ['900 €', 5],
  ])('reads the number %j (%d points)', (text, points) => expect(score({ numemployees: text })).toBe(points));

  it('reads booleans as yes/no, true/false, 1/0', () => {
    expect(score({ is_trial: 'Yes' })).toBe(1);
    expect(score({ is_trial: 'false' })).toBe(0);
  });

  it('leaves text that is no number for the check to name, and keeps a field under its own name strict', () => {
    expect(() => score({ numemployees: 'many' })).toThrow('`employees` must be a number, got the text "many"');
    expect(() => score({ employees: '200' })).toThrow('`employees` must be a number, got the text "200"');
  });
});

describe('whole-word text matching (`contains word`, `starts with word`, `ends with word`)', () => {
  for (const backend of ['generated', 'interpreter'] as const) {
    it(`matches whole words only, and plain \`contains\` still finds text inside words (${backend})`, () => {
      const policy = policyOf(
        'when title contains any word ["CTO", "VP", "Head of"] add 1\nwhen title starts with word "chief" add 10\nwhen title ends with word "officer" add 100\nwhen title contains "cto" add 1000',
        backend,
      );
      const score = (title: string) => policy.score({ id: 'x', title }, { now }).score;
      expect(score('Sales Director')).toBe(1000);
      expect(score('CTO')).toBe(1001);
      expect(score('cto & co-founder')).toBe(1001);
      expect(score('SVP Sales')).toBe(0);
      expect(score('VP,Sales')).toBe(1);
      expect(score('Head of IT')).toBe(1);
      expect(score('Chief Revenue Officer')).toBe(110);
      expect(score('Chiefs')).toBe(0);
      expect(score('Officers')).toBe(0);
      expect(score('Geschäftsführer (CTO)')).toBe(1001);
    });
  }
});
