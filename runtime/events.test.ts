import { describe, expect, it } from 'vitest';
import { EventScanner, eventMatcher, type LeadEvent, type ScanPattern } from './events.js';
import { compileGlob } from './glob.js';
import type { EventMatch } from './ir.js';
import { millisPerDay, parseIsoTime } from './time.js';

const now = Date.parse('2026-06-01T12:00:00Z');
const event = (verb: string, object: string | null = null, name: string | null = null): LeadEvent => ({ verb, object, name, ageDays: 1, index: 0 });

describe('compileGlob', () => {
  const matches = (glob: string, text: string) => compileGlob(glob).test(text);

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

  it('agrees with the anchored regular expression a glob means, on random globs and names', () => {
    const reference = (glob: string) =>
      new RegExp(
        `^${glob
          .split('*')
          .map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
          .join('.*')}$`,
        's',
      );
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const text = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      const glob = text('ab*.', Math.floor(random() * 7));
      const name = text('ab.', Math.floor(random() * 9));
      expect(matches(glob, name), `${glob} on ${name}`).toBe(reference(glob).test(name));
    }
  });

  it('takes time linear in the name: `*a*b*c*` on a long name that never matches returns at once', () => {
    // A backtracking regular expression took about 10 s here, and 26 s at 8 KB.
    expect(matches('*a*b*c*', 'ab'.repeat(100_000))).toBe(false);
    expect(matches('*a*b*c*', `${'ab'.repeat(100_000)}c`)).toBe(true);
  });

  it('takes time linear in the name: the worst globs on a 1 MiB name, each well under a second (bound: 2 s, for a loaded machine)', () => {
    const mib = 1 << 20;
    const of = (unit: string) => unit.repeat(mib / unit.length);
    const cases: Array<[glob: string, name: string, matches: boolean]> = [
      ['*a*b*c*', of('ab'), false],
      ['*a*b*c*', `${of('ab')}c`, true],
      ['*a*a*a*a*b', of('a'), false],
      ['*a*a*a*a*b', `${of('a')}b`, true],
      [`*${'a'.repeat(100)}b*`, of('a'), false],
      [`*${'ab'.repeat(50)}c*`, of('ab'), false],
      [`*b${'a'.repeat(1000)}*`, of('ab'), false],
    ];
    for (const [glob, name, expected] of cases) {
      const start = performance.now();
      expect(matches(glob, name), glob).toBe(expected);
      expect(performance.now() - start, glob).toBeLessThan(2_000);
    }
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

describe('EventScanner', () => {
  type Event = { type: string; object?: string | null; name?: string | null; at: string };
  const at = (daysAgo: number) => new Date(now - daysAgo * millisPerDay).toISOString();
  /** Scans the events with their times parsed, as the lead validator gives them. */
  const scan = (patterns: ScanPattern[], events: Event[] | undefined, record = false) =>
    new EventScanner(patterns).scan(
      events,
      (events ?? []).map((event) => parseIsoTime(event.at)),
      now,
      record,
    );
  const pattern = (match: EventMatch | undefined, withinDays?: number, sums: ScanPattern['sums'] = []): ScanPattern => ({ match, withinDays, sums });

  it('normalises type, object and name before matching', () => {
    const tally = scan(
      [pattern({ verb: 'visit', object: 'page', glob: '/pricing*' }), pattern({ verb: 'open' }), pattern({ verb: 'open', object: 'email' })],
      [
        { type: ' Visit ', object: 'PAGE', name: '  /Pricing/Team ', at: at(1) },
        { type: 'OPEN', object: '  ', name: null, at: at(0.5) },
        { type: 'open', object: ' Email', at: at(2) },
      ],
    );
    expect([...tally.counts]).toEqual([1, 2, 1]);
  });

  it('counts every pattern in one pass, with the youngest match and the matches in event order', () => {
    const tally = scan(
      [pattern({ verb: 'open', object: 'email' }, 14), pattern(undefined), pattern({ verb: 'download' }), pattern({ verb: 'visit', object: 'page', glob: '*' })],
      [
        { type: 'open', object: 'email', at: at(3) },
        { type: 'open', object: 'email', at: at(20) },
        { type: 'visit', object: 'page', at: at(1) },
        { type: 'open', object: 'email', at: at(0.5) },
      ],
      true,
    );
    expect([...tally.counts]).toEqual([2, 4, 0, 0]);
    expect([...tally.youngest]).toEqual([0.5, 0.5, Infinity, Infinity]);
    expect(tally.matches).toEqual([
      [
        { index: 0, ageDays: 3 },
        { index: 3, ageDays: 0.5 },
      ],
      [
        { index: 0, ageDays: 3 },
        { index: 1, ageDays: 20 },
        { index: 2, ageDays: 1 },
        { index: 3, ageDays: 0.5 },
      ],
      [],
      [],
    ]);
  });

  it('records matches only when asked', () => {
    expect(scan([pattern(undefined)], [{ type: 'a', at: at(1) }]).matches).toBeUndefined();
  });

  it('counts an event younger than the window, not one exactly as old', () => {
    const tally = scan(
      [pattern({ verb: 'open' }, 7)],
      [
        { type: 'open', at: at(7) },
        { type: 'open', at: at(6.999) },
      ],
    );
    expect([...tally.counts]).toEqual([1]);
  });

  it('drops events after now, keeps the one at now', () => {
    const tally = scan(
      [pattern(undefined)],
      [
        { type: 'a', at: at(0) },
        { type: 'b', at: new Date(now + 1).toISOString() },
        { type: 'c', at: at(-1) },
        { type: 'd', at: at(7) },
      ],
      true,
    );
    expect(tally.matches).toEqual([
      [
        { index: 0, ageDays: 0 },
        { index: 3, ageDays: 7 },
      ],
    ]);
  });

  it('sums points per matching event in event order, decayed by age when a half-life is given', () => {
    const tally = scan(
      [
        pattern({ verb: 'x' }),
        pattern({ verb: 'open' }, 30, [
          { points: 5, halfLifeDays: undefined },
          { points: 5, halfLifeDays: 10 },
        ]),
      ],
      [
        { type: 'open', at: at(10) },
        { type: 'open', at: at(40) },
        { type: 'open', at: at(20) },
      ],
    );
    expect([...tally.sums]).toEqual([10, 5 * Math.pow(0.5, 1) + 5 * Math.pow(0.5, 2)]);
  });

  it('matches exactly as eventMatcher does', () => {
    const patterns: Array<EventMatch | undefined> = [
      undefined,
      { verb: 'visit' },
      { verb: 'visit', object: 'page' },
      { verb: 'visit', object: 'page', glob: '/pricing*' },
      { verb: 'visit', glob: '*' },
      { verb: 'open', object: 'email' },
    ];
    const events: Event[] = [];
    for (const type of ['visit', ' VISIT', 'open', 'click'])
      for (const object of [undefined, null, '', 'page', 'Email'])
        for (const name of [undefined, null, ' ', '/pricing', '/Pricing/x', '/blog']) events.push({ type, object, name, at: at(1) });
    const tally = scan(
      patterns.map((match) => pattern(match)),
      events,
      true,
    );
    patterns.forEach((match, position) => {
      const matches = eventMatcher(match);
      const expected = events.flatMap((raw, index) => (matches(event(normalized(raw.type), text(raw.object), text(raw.name))) ? [index] : []));
      expect(
        tally.matches![position]!.map((m) => m.index),
        JSON.stringify(match),
      ).toEqual(expected);
    });
  });

  it('gives empty counts for a lead without events', () => {
    const tally = scan([pattern(undefined)], undefined);
    expect([...tally.counts, ...tally.youngest]).toEqual([0, Infinity]);
    expect([...scan([pattern(undefined)], []).counts]).toEqual([0]);
  });
});

const normalized = (text: string) => text.trim().toLowerCase();
const text = (value: string | null | undefined) => (typeof value === 'string' && normalized(value) !== '' ? normalized(value) : null);
