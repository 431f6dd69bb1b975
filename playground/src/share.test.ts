import { describe, expect, test } from 'vitest';
import { readShareHash, shareHash, shareHashWithin } from './share.js';

describe('share links', () => {
  test('carry the policy and now through the hash unchanged', () => {
    const policy = 'policy "Ünïcode & <markup>"\n\nwhen title contains "CEO" add 15 # a comment\n';
    const hash = shareHash({ policy, now: '2026-11-23T12:00:00Z' });
    expect(hash).toMatch(/^#policy=[A-Za-z0-9+\-$]+&now=2026-11-23T12%3A00%3A00Z$/);
    expect(readShareHash(hash)).toEqual({ policy, now: '2026-11-23T12:00:00Z' });
    expect(readShareHash(shareHash({ policy }))).toEqual({ policy });
  });

  test('a hash without a readable policy is no shared state', () => {
    expect(readShareHash('')).toBeUndefined();
    expect(readShareHash('#now=2026-01-01')).toBeUndefined();
    expect(readShareHash('#policy=')).toBeUndefined();
    expect(readShareHash('#policy=%%%garbage')).toBeUndefined();
    expect(readShareHash(`${shareHash({ policy: 'when title contains "x" add 1' })}&now=%E0%A4%A`)).toEqual({ policy: 'when title contains "x" add 1' });
  });

  test("carry the user's own leads beside the policy, as the file they loaded", () => {
    const leads = { name: 'crm export.csv', format: 'csv' as const, text: 'id,email,title\nC1,"a@b.io","<b>CTO</b> & co"\n' };
    const hash = shareHash({ policy: 'when title contains "CTO" add 15', now: '2026-11-23T12:00:00Z', leads });
    expect(hash).toMatch(/^#policy=[A-Za-z0-9+\-$]+&now=[^&]+&leadsName=crm%20export\.csv&leadsFormat=csv&leads=[A-Za-z0-9+\-$]+$/);
    expect(readShareHash(hash)).toEqual({ policy: 'when title contains "CTO" add 15', now: '2026-11-23T12:00:00Z', leads });
    // Unreadable or unknown-format leads are left out; the policy still opens.
    const policyOnly = { policy: 'when title contains "CTO" add 15' };
    expect(readShareHash(`${shareHash(policyOnly)}&leadsFormat=csv&leads=%%%garbage`)).toEqual(policyOnly);
    expect(readShareHash(hash.replace('leadsFormat=csv', 'leadsFormat=html'))).toEqual({ ...policyOnly, now: '2026-11-23T12:00:00Z' });
  });

  test('carry the leads as they are now: the events file and the leads edited in place', () => {
    const leads = {
      name: 'leads.csv',
      format: 'csv' as const,
      text: 'id,title\nC1,CTO\n',
      events: { name: 'events.csv', text: 'lead_id,type,object,at\nC1,request,demo,2026-11-22T12:00:00Z\n' },
    };
    const edits = [{ line: 2, json: '{"id":"C1","title":"Intern","events":[]}' }];
    const state = { policy: 'when title contains "CTO" add 15', leads, edits };
    const hash = shareHash(state);
    expect(hash).toMatch(/&eventsName=events\.csv&events=[^&]+&edits=[A-Za-z0-9+\-$]+$/);
    expect(readShareHash(hash)).toEqual(state);
    // Edits of the sample leads travel without a file.
    expect(readShareHash(shareHash({ policy: 'when title contains "CTO" add 15', edits }))).toEqual({ policy: 'when title contains "CTO" add 15', edits });
  });

  test('edits that are not [line, lead object] pairs are left out; the rest opens', () => {
    const policyOnly = { policy: 'when title contains "CTO" add 15' };
    const withEdits = (pairs: unknown) => `${shareHash(policyOnly)}&edits=${shareHash({ policy: JSON.stringify(pairs) }).slice('#policy='.length)}`;
    expect(readShareHash(withEdits([[2, { id: 'L1' }]]))).toEqual({ ...policyOnly, edits: [{ line: 2, json: '{"id":"L1"}' }] });
    for (const bad of [{ line: 2 }, [[0, { id: 'L1' }]], [[2.5, {}]], [[2, '<img>']], [[2, [1]]], [[2, null]], 'x']) expect(readShareHash(withEdits(bad))).toEqual(policyOnly);
    expect(readShareHash(`${shareHash(policyOnly)}&edits=%%%garbage`)).toEqual(policyOnly);
  });

  test('a link that would be too long keeps the policy and now, and says how long it would have been', () => {
    const leads = {
      name: 'big.jsonl',
      format: 'jsonl' as const,
      text: Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: `L${i}`, title: `Title ${i * 7919}` })).join('\n'),
    };
    const state = { policy: 'when title contains "CTO" add 15', now: '2026-11-23T12:00:00Z', leads };
    const full = shareHash(state);
    expect(shareHashWithin(state, full.length)).toEqual({ hash: full });
    expect(shareHashWithin(state, full.length - 1)).toEqual({ hash: shareHash({ policy: state.policy, now: state.now }), leadsTooLong: full.length });
  });

  test('carry the files a policy of a folder reads, by path; a path out of the folder is left out', () => {
    const state = {
      policy: 'import "shared/fit.score"\n',
      path: 'policies/b2b.score',
      files: { 'policies/shared/fit.score': 'fit:\n', 'policies/lists/a.txt': 'a\n' },
      now: '2026-11-23T12:00:00Z',
    };
    const hash = shareHash(state);
    expect(hash).toMatch(/^#policy=[A-Za-z0-9+\-$]+&path=policies%2Fb2b\.score&files=[A-Za-z0-9+\-$]+&now=/);
    expect(readShareHash(hash)).toEqual(state);
    const files = (value: unknown) => shareHash({ policy: JSON.stringify(value) }).slice('#policy='.length);
    const hostile = `#policy=${files('p')}&path=..%2Fx.score&files=${files({ '../../etc/x': 'x', '/abs': 'y', 'a/./b': 'z', ok: 1, 'lists/a.txt': 'a' })}`;
    expect(readShareHash(hostile)).toEqual({ policy: '"p"', path: 'policy.score', files: { 'lists/a.txt': 'a' } });
    expect(readShareHash(`${shareHash({ policy: 'p' })}&files=%%%garbage`)).toEqual({ policy: 'p' });
    // Too long with the leads: the files stay, the leads go.
    const leads = { name: 'l.jsonl', format: 'jsonl' as const, text: 'x'.repeat(5000) };
    expect(shareHashWithin({ ...state, leads }, hash.length).hash).toBe(hash);
  });
});
