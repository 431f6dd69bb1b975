import { describe, expect, test } from 'vitest';
import { readShareHash, shareHash } from './share.js';

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

  test('carry the user\'s own leads beside the policy, as the file they loaded', () => {
    const leads = { name: 'crm export.csv', format: 'csv' as const, text: 'id,email,title\nC1,"a@b.io","<b>CTO</b> & co"\n' };
    const hash = shareHash({ policy: 'when title contains "CTO" add 15', now: '2026-11-23T12:00:00Z', leads });
    expect(hash).toMatch(/^#policy=[A-Za-z0-9+\-$]+&now=[^&]+&leadsName=crm%20export\.csv&leadsFormat=csv&leads=[A-Za-z0-9+\-$]+$/);
    expect(readShareHash(hash)).toEqual({ policy: 'when title contains "CTO" add 15', now: '2026-11-23T12:00:00Z', leads });
    // Unreadable or unknown-format leads are left out; the policy still opens.
    const policyOnly = { policy: 'when title contains "CTO" add 15' };
    expect(readShareHash(`${shareHash(policyOnly)}&leadsFormat=csv&leads=%%%garbage`)).toEqual(policyOnly);
    expect(readShareHash(hash.replace('leadsFormat=csv', 'leadsFormat=html'))).toEqual({ ...policyOnly, now: '2026-11-23T12:00:00Z' });
  });
});
