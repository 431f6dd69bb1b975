import { describe, expect, it } from 'vitest';
import { eventMatcher, globToRegExp, leadEvents, type LeadEvent } from './events.js';
import { millisPerDay, parseIsoTime } from './time.js';

const now = Date.parse('2026-06-01T12:00:00Z');
const event = (verb: string, object: string | null = null, name: string | null = null): LeadEvent => ({ verb, object, name, ageDays: 1, index: 0 });

describe('globToRegExp', () => {
  const matches = (glob: string, text: string) => globToRegExp(glob).test(text);

  it('matches the whole text; * matches any run of characters, none included', () => {
    expect(matches('/pricing*', '/pricing')).toBe(true);
    expect(matches('/pricing*', '/pricing/enterprise')).toBe(true);
    expect(matches('/pricing*', '/en/pricing')).toBe(false);
    expect(matches('*/enterprise', '/pricing/enterprise')).toBe(true);
    expect(matches('*/enterprise', '/pricing/enterprise/')).toBe(false);
    expect(matches('/docs/*/api', '/docs/v2/api')).toBe(true);
    expect(matches('/docs/*/api', '/docs//api')).toBe(true);
    expect(matches('/docs/*/api', '/docs/api')).toBe(false);
    expect(matches('*', '')).toBe(true);
    expect(matches('*', 'anything at all')).toBe(true);
    expect(matches('a*b*c', 'abc')).toBe(true);
    expect(matches('a*b*c', 'a-b-c-d')).toBe(false);
    expect(matches('**', 'x')).toBe(true);
    expect(matches('guide', 'guide')).toBe(true);
    expect(matches('guide', 'guides')).toBe(false);
  });

  it('* also matches across line breaks', () => {
    expect(matches('a*b', 'a\nb')).toBe(true);
  });

  it('treats every other character literally, regular-expression characters included', () => {
    expect(matches('/pricing?plan=pro', '/pricing?plan=pro')).toBe(true);
    expect(matches('/pricing?plan=pro', '/pricingXplan=pro')).toBe(false);
    expect(matches('/pricing?plan=pro', '/pricinplan=pro')).toBe(false);
    expect(matches('a.b', 'a.b')).toBe(true);
    expect(matches('a.b', 'axb')).toBe(false);
    expect(matches('q1 (2026).pdf', 'q1 (2026).pdf')).toBe(true);
    expect(matches('q1 (2026).pdf', 'q1 2026.pdf')).toBe(false);
    expect(matches('[x]+', '[x]+')).toBe(true);
    expect(matches('[x]+', 'xx')).toBe(false);
    expect(matches('a|b', 'a')).toBe(false);
    expect(matches('a|b', 'a|b')).toBe(true);
    expect(matches('^a$', '^a$')).toBe(true);
    expect(matches('{1,2}', '{1,2}')).toBe(true);
    expect(matches('c:\\temp\\*', 'c:\\temp\\file')).toBe(true);
    expect(matches('c:\\temp\\*', 'c:temp')).toBe(false);
    expect(matches('€ & ü/*', '€ & ü/x')).toBe(true);
  });
});

describe('eventMatcher', () => {
  it('without a pattern, matches every event (activity)', () => {
    const matches = eventMatcher(undefined);
    expect(matches(event('fax'))).toBe(true);
    expect(matches(event('open', 'email', 'x'))).toBe(true);
  });

  it('compares the verb, the object when the pattern has one, and the name against the glob', () => {
    const visit = eventMatcher({ verb: 'visit', object: 'page', glob: '/pricing*' });
    expect(visit(event('visit', 'page', '/pricing/team'))).toBe(true);
    expect(visit(event('visit', 'page', '/blog'))).toBe(false);
    expect(visit(event('visit', 'site', '/pricing'))).toBe(false);
    expect(visit(event('click', 'page', '/pricing'))).toBe(false);

    const download = eventMatcher({ verb: 'download' });
    expect(download(event('download', 'ebook'))).toBe(true);
    expect(download(event('download'))).toBe(true);
    expect(download(event('downloads', 'ebook'))).toBe(false);
  });

  it('never matches a glob against an event without a name, not even *', () => {
    const any = eventMatcher({ verb: 'visit', object: 'page', glob: '*' });
    expect(any(event('visit', 'page', null))).toBe(false);
  });

  it('a pattern with an object does not match an event without one', () => {
    expect(eventMatcher({ verb: 'open', object: 'email' })(event('open'))).toBe(false);
  });
});

describe('leadEvents', () => {
  /** The events with their times parsed, as the lead validator gives them. */
  const scan = (events: Array<{ type: string; object?: string | null; name?: string | null; at: string }>) =>
    leadEvents(events, events.map((event) => parseIsoTime(event.at)), now);

  it('normalises type, object and name, and measures ages in fractional days', () => {
    const events = scan(
      [
        { type: ' Visit ', object: 'PAGE', name: '  /Pricing ', at: '2026-05-31T12:00:00Z' },
        { type: 'open', object: '  ', name: null, at: '2026-06-01T00:00:00Z' },
        { type: 'unsubscribe', at: '2026-06-01T12:00:00Z' },
      ],
    );
    expect(events).toEqual([
      { verb: 'visit', object: 'page', name: '/pricing', ageDays: 1, index: 0 },
      { verb: 'open', object: null, name: null, ageDays: 0.5, index: 1 },
      { verb: 'unsubscribe', object: null, name: null, ageDays: 0, index: 2 },
    ]);
  });

  it('drops events after now, keeps the one at now', () => {
    const at = (millis: number) => new Date(millis).toISOString();
    const events = scan(
      [
        { type: 'a', at: at(now) },
        { type: 'b', at: at(now + 1) },
        { type: 'c', at: at(now + millisPerDay) },
        { type: 'd', at: at(now - 7 * millisPerDay) },
      ],
    );
    expect(events.map((e) => [e.verb, e.ageDays, e.index])).toEqual([
      ['a', 0, 0],
      ['d', 7, 3],
    ]);
  });

  it('gives no events for a lead without any', () => {
    expect(leadEvents(undefined, [], now)).toEqual([]);
    expect(scan([])).toEqual([]);
  });
});
