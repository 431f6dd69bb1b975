import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allDiagnostics, compile, type CompileHost, type Diagnostic } from '../compiler/index.js';
import { renderDiagnostics } from '../compiler/render.js';
import { syntaxDiagnostics } from '../language/diagnostics.js';
import { parseTestFile, testSyntaxDiagnostics } from '../language/test-syntax/index.js';
import { runTestFile } from '../policy-tests/index.js';
import { LeadError, loadPolicy } from '../runtime/index.js';

/**
 * spec/language.md is the language reference; this proves it true. Its code
 * fences follow a convention:
 *
 *   ```score                       compiles with no diagnostics
 *   ```score warning=LS4004        compiles; exactly these warning codes
 *   ```score error=LS2001          exactly these codes; no rule graph
 *   ```score … rendered            the next fence is the rendered diagnostics
 *   ```score example=NAME          a worked example, scored below with the leads
 *   ```jsonl leads=NAME            of the test (which the document must show),
 *   ```jsonl results=NAME          giving these results (`json` for one object)
 *   ```jsonl invalid=NAME          leads the example's policy rejects
 */

const documentPath = join(import.meta.dirname, 'language.md');

/** Snippets are compiled as `spec/examples/policy.score`, so their imports read the files beside it. */
const snippetDirectory = join(import.meta.dirname, 'examples');
const snippetHost: CompileHost = {
  resolve: (from, specifier) => relative(snippetDirectory, resolve(snippetDirectory, dirname(from), specifier)),
  readFile: (path) => (existsSync(join(snippetDirectory, path)) ? readFileSync(join(snippetDirectory, path), 'utf8') : undefined),
};
/** A fence marked `without-files` is compiled as an embedding would, from its text alone. */
const compileSnippet = (text: string, fence?: Fence) => compile(text, fence?.flags.has('without-files') ? {} : { fileName: 'policy.score', host: snippetHost });
const markdown = readFileSync(documentPath, 'utf8');
const sqlAttributes = ['sql-error', 'dialect', 'format'];
const now = '2026-11-23T12:00:00Z';

interface Fence {
  /** 1-based line of the opening ``` in language.md. */
  line: number;
  lang: string;
  attributes: Map<string, string>;
  flags: Set<string>;
  body: string;
  closed: boolean;
}

function readFences(text: string): Fence[] {
  const lines = text.split('\n');
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const line = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    const attributes = new Map<string, string>();
    const flags = new Set<string>();
    for (const word of open[2]!.split(/\s+/).filter(Boolean)) {
      const [key, value] = word.split('=', 2);
      if (value === undefined) flags.add(key!);
      else attributes.set(key!, value);
    }
    fences.push({ line, lang: open[1]!, attributes, flags, body: body.join('\n'), closed: i < lines.length });
  }
  return fences;
}

const fences = readFences(markdown);
const policyFences = fences.filter((fence) => fence.lang === 'score');

function codes(fence: Fence, key: 'error' | 'warning'): string[] {
  const value = fence.attributes.get(key);
  return value ? value.split(',') : [];
}

/** Distinct `CODE severity` pairs, sorted, so a failure shows what was expected and what came. */
function outcome(diagnostics: readonly Diagnostic[]): string[] {
  return [...new Set(diagnostics.map((d) => `${d.code} ${d.severity}`))].sort();
}

function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n');
}

function fenceWith(key: string, name: string): Fence | undefined {
  return fences.find((fence) => fence.attributes.get(key) === name);
}

/** The leads or results of a `jsonl` fence (one per line) or a `json` fence (one object or an array). */
function jsonValues(fence: Fence): unknown[] {
  if (fence.lang === 'json') {
    const value = JSON.parse(fence.body) as unknown;
    return Array.isArray(value) ? value : [value];
  }
  return fence.body
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

function policyOf(name: string) {
  const fence = fenceWith('example', name);
  if (!fence) throw new Error(`language.md has no \`\`\`score example=${name}`);
  const { ir, diagnostics } = compileSnippet(fence.body);
  if (!ir) throw new Error(`example=${name} does not compile:\n${describeDiagnostics(diagnostics)}`);
  return loadPolicy(ir);
}

describe('spec/language.md code fences', () => {
  it('are all closed, and use only the documented languages and attributes', () => {
    const problems: string[] = [];
    for (const fence of fences) {
      if (!fence.closed) problems.push(`line ${fence.line}: fence never closed`);
      if (!['score', 'score-test', 'json', 'jsonl', 'text'].includes(fence.lang)) problems.push(`line ${fence.line}: unknown language ${JSON.stringify(fence.lang)}`);
      // `sql-error`, `dialect` and `format` mark the SQL target's refusals (section 13), which sql/diagnostics.test.ts checks.
      const allowed = fence.lang === 'score' ? ['error', 'warning', 'example', ...sqlAttributes] : fence.lang === 'score-test' ? ['error'] : ['leads', 'results', 'invalid'];
      for (const key of fence.attributes.keys()) if (!allowed.includes(key)) problems.push(`line ${fence.line}: unknown attribute ${key}`);
      for (const flag of fence.flags) if (!(fence.lang === 'score' && ['rendered', 'without-files'].includes(flag))) problems.push(`line ${fence.line}: unknown flag ${flag}`);
      for (const code of [...codes(fence, 'error'), ...codes(fence, 'warning')]) {
        const known = fence.lang === 'score-test' ? testFileDiagnostics : allDiagnostics;
        if (!known.some((kind) => kind.code === code)) problems.push(`line ${fence.line}: unknown code ${code}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('include the policy snippets (the fence reader finds them)', () => {
    expect(policyFences.length).toBeGreaterThan(50);
  });
});

// ```score-test fences are test files (section 12): each parses, with exactly the syntax codes given as `error=`.
const testFileDiagnostics = [...Object.values(syntaxDiagnostics), ...Object.values(testSyntaxDiagnostics)];
describe('every test-file snippet in spec/language.md', () => {
  const testFences = fences.filter((fence) => fence.lang === 'score-test');
  it('are found', () => expect(testFences.length).toBeGreaterThan(0));
  for (const fence of testFences) {
    const errors = codes(fence, 'error');
    it(`line ${fence.line}: ${errors.length > 0 ? `reports ${errors.join(', ')}` : 'parses cleanly'}`, () => {
      const { file, diagnostics } = parseTestFile(fence.body);
      expect(outcome(diagnostics), describeDiagnostics(diagnostics)).toEqual(errors.map((code) => `${code} error`).sort());
      if (errors.length > 0) return;
      // A clean one tests the reference policy, and passes.
      const policy = loadPolicy(compile(readFileSync(join(import.meta.dirname, '..', 'examples', 'b2b-saas.score'), 'utf8')).ir);
      const run = runTestFile(file, fence.body, () => policy);
      expect(run.diagnostics).toEqual([]);
      expect(run.results.flatMap((result) => result.failures.map((failure) => `${failure.text}: got ${failure.actual}`))).toEqual([]);
    });
  }
});

describe('every policy snippet in spec/language.md', () => {
  for (const fence of policyFences) {
    const errors = codes(fence, 'error');
    const warnings = codes(fence, 'warning');
    const expectation = errors.length > 0 ? `reports ${[...errors, ...warnings].join(', ')}` : warnings.length > 0 ? `compiles with ${warnings.join(', ')}` : 'compiles cleanly';

    it(`line ${fence.line}: ${expectation}`, () => {
      const { ir, diagnostics } = compileSnippet(fence.body, fence);
      const expected = [...errors.map((code) => `${code} error`), ...warnings.map((code) => `${code} warning`)].sort();
      expect(outcome(diagnostics), describeDiagnostics(diagnostics)).toEqual(expected);
      if (errors.length > 0) expect(ir).toBeUndefined();
      else expect(ir).toBeDefined();
    });

    if (fence.flags.has('rendered')) {
      it(`line ${fence.line}: is rendered as the document shows`, () => {
        const next = fences[fences.indexOf(fence) + 1];
        expect(next?.lang).toBe('text');
        const { diagnostics } = compileSnippet(fence.body);
        expect(renderDiagnostics(diagnostics, fence.body, { fileName: 'policy.score' })).toBe(`${next!.body}\n`);
      });
    }
  }
});

describe('the diagnostics table of spec/language.md', () => {
  // The SQL target's codes (LS6xxx, section 13) are sql/'s own; sql/diagnostics.test.ts checks them.
  const rows = [...markdown.slice(0, markdown.indexOf('## 13. Scoring in SQL')).matchAll(/^\| (LS\d{4}) \| (error|warning) \| .+ \|$/gm)].map((match) => `${match[1]} ${match[2]}`);

  it('lists every diagnostic code with its severity, once, and no other', () => {
    expect(rows).toEqual(allDiagnostics.map((kind) => `${kind.code} ${kind.severity}`));
  });

  for (const kind of allDiagnostics) {
    // No policy gives an internal error, and one with too many rules (LS4011) is too long to show.
    if (kind.code === 'LS9001' || kind.code === 'LS4011') {
      it(`${kind.code} is documented`, () => {
        expect(markdown).toMatch(new RegExp(`^#### ${kind.code}: `, 'm'));
      });
      continue;
    }
    it(`${kind.code} has an example policy that reports it`, () => {
      const examples = policyFences.filter((fence) => codes(fence, kind.severity).includes(kind.code));
      expect(examples.map((fence) => fence.line)).not.toEqual([]);
      expect(markdown).toMatch(new RegExp(`^#### ${kind.code}: `, 'm'));
    });
  }
});

/**
 * The worked examples: leads of the document, scored at `now` with the
 * policy of its `example=NAME` fence, and the results it shows. The leads and
 * results are repeated here so that a change to either side is noticed.
 */
interface WorkedExample {
  leads: unknown[];
  results: Array<Record<string, unknown>>;
  /** Compare the whole result, reasons included, instead of the fields shown. */
  whole?: boolean;
}

const visitPage = (at: string, name?: string) => ({ type: 'visit', object: 'page', ...(name !== undefined && { name }), at });
const openEmail = (at: string) => ({ type: 'open', object: 'email', at });
const downloadWhitepaper = (at: string) => ({ type: 'download', object: 'whitepaper', at });

const workedExamples: Record<string, WorkedExample> = {
  // Numbers as a German export writes them, read with the separators the policy states.
  numbers: {
    leads: [
      { id: 'million', Jahresumsatz: '1.200.000 €', Mitarbeiter: '1.001–5.000' },
      { id: 'just-under', Jahresumsatz: '999.999,99 €', Mitarbeiter: '51-200' },
      { id: 'in-words', Jahresumsatz: '1,5 Mio. €' },
      { id: 'own-name', revenue: 2000000, employees: 1000 },
    ],
    results: [
      { id: 'million', score: 15 },
      { id: 'just-under', score: 0 },
      { id: 'in-words', score: 10 },
      { id: 'own-name', score: 15 },
    ],
  },
  // An event counts when now - N days < at <= now; later events are ignored, also by `no activity`,
  // which counts events of every type, even those the policy never mentions.
  window: {
    leads: [
      { id: 'exactly-7-days', events: [visitPage('2026-11-16T12:00:00Z')] },
      { id: 'just-inside', events: [visitPage('2026-11-16T12:00:01Z')] },
      { id: 'future', events: [visitPage('2026-11-24T09:00:00Z')] },
      { id: 'other-type', events: [{ type: 'login', object: 'app', at: '2026-11-20T12:00:00Z' }] },
    ],
    results: [
      { id: 'exactly-7-days', score: -5 },
      { id: 'just-inside', score: 10 },
      { id: 'future', score: -5 },
      { id: 'other-type', score: 0 },
    ],
  },
  // A time without an offset is UTC; a date alone is midnight UTC.
  times: {
    leads: [
      { id: 'no-offset', events: [openEmail('2026-11-22T12:00:01')] },
      { id: 'with-offset', events: [openEmail('2026-11-22T13:00:00+02:00')] },
      { id: 'dates-only', events: [openEmail('2026-11-22'), openEmail('2026-11-23')] },
    ],
    results: [
      { id: 'no-offset', score: 1 },
      { id: 'with-offset', score: 0 },
      { id: 'dates-only', score: 1 },
    ],
  },
  // Date fields: the window of events, `more than … ago` its complement in the past, a date alone the whole day.
  dates: {
    leads: [
      { id: 'new', created: '2026-11-10T09:30:00Z', last_contacted: '2026-10-24T12:00:00Z' },
      { id: 'boundary', created: '2026-10-24T12:00:00Z', last_contacted: '2026-10-24T12:00:01Z' },
      { id: 'epoch-ms', created: 1795132800000 },
      { id: 'last-year', created: '2025-12-31', last_contacted: null },
      { id: 'on-the-day', created: '2026-11-01T23:00:00' },
      { id: 'future', created: '2026-12-01' },
    ],
    results: [
      { id: 'new', score: 7 },
      { id: 'boundary', score: 0 },
      { id: 'epoch-ms', score: 12 },
      { id: 'last-year', score: 1 },
      { id: 'on-the-day', score: 10 },
      { id: 'future', score: 2 },
    ],
  },
  // Every comparison on a missing field is false, `!=` and `not in` included; `not` is plain negation.
  missing: {
    leads: [{ id: 'de', country: 'DE' }, { id: 'no-country' }, { id: 'blank', country: '  ' }, { id: 'us', country: ' us' }],
    results: [
      { id: 'de', score: 16 },
      { id: 'no-country', score: 1 },
      { id: 'blank', score: 1 },
      { id: 'us', score: 0 },
    ],
  },
  // A country compares by which country it names; text that is no country equals no country.
  countries: {
    leads: [
      { id: 'de', country: 'Deutschland', hq_country: 'U.S.A.' },
      { id: 'at', country: ' österreich ', hq_country: 'Great Britain' },
      { id: 'ch', country: 'CHE', hq_country: 'GBR' },
      { id: 'typo', country: 'Germny', hq_country: 'usa' },
      { id: 'none' },
    ],
    results: [
      { id: 'de', score: 15 },
      { id: 'at', score: 16 },
      { id: 'ch', score: 16 },
      { id: 'typo', score: 6 },
      { id: 'none', score: 0 },
    ],
  },
  // A once-rule decays by its most recent matching event.
  'decay-once': {
    leads: [
      { id: 'two-downloads', events: [downloadWhitepaper('2026-10-24T12:00:00Z'), downloadWhitepaper('2026-09-24T12:00:00Z')] },
      { id: '15-days', events: [downloadWhitepaper('2026-11-08T12:00:00Z')] },
    ],
    results: [
      { id: 'two-downloads', score: 10, dimensions: { engagement: 10 } },
      { id: '15-days', score: 14.14, dimensions: { engagement: 14.14 } },
    ],
  },
  // `each` decays every event by its own age, then caps.
  'cap-after-decay': {
    leads: [
      { id: 'recent', events: [openEmail('2026-11-23T12:00:00Z'), openEmail('2026-10-24T12:00:00Z'), openEmail('2026-09-24T12:00:00Z')] },
      { id: 'older', events: [openEmail('2026-10-24T12:00:00Z'), openEmail('2026-09-24T12:00:00Z'), openEmail('2026-08-25T12:00:00Z')] },
    ],
    results: [
      { id: 'recent', score: 15, dimensions: { engagement: 15 } },
      { id: 'older', score: 8.75, dimensions: { engagement: 8.75 } },
    ],
  },
  // Sections are rounded half away from zero, then added, then the score is rounded.
  rounding: {
    leads: [
      { id: 'with-phone', title: 'CTO', phone: '+49 30 1234567' },
      { id: 'no-phone', title: 'CTO' },
    ],
    results: [
      { id: 'with-phone', score: 10.26, dimensions: { fit: 10.13, engagement: 0.13, data: 0 } },
      { id: 'no-phone', score: 10.13, dimensions: { fit: 10.13, engagement: 0.13, data: -0.13 } },
    ],
  },
  // `each` with `K times` scores every matching event, but only when at least K match in the window.
  'each-times': {
    leads: [
      { id: 'two-visits', events: [visitPage('2026-11-20', '/pricing'), visitPage('2026-11-21', '/pricing/enterprise')] },
      {
        id: 'four-visits',
        events: [
          visitPage('2026-11-20', '/pricing'),
          visitPage('2026-11-21', '/pricing/enterprise'),
          visitPage('2026-11-22', '/PRICING'),
          visitPage('2026-10-01', '/pricing'),
          visitPage('2026-11-22', '/blog'),
        ],
      },
    ],
    results: [
      { id: 'two-visits', score: 0 },
      { id: 'four-visits', score: 15 },
    ],
  },
  // `and` binds tighter than `or`.
  precedence: {
    leads: [
      { id: 'small-cto', title: 'CTO', employees: 50 },
      { id: 'small-ceo', title: 'CEO', employees: 50 },
      { id: 'large-ceo', title: 'CEO', employees: 5000 },
    ],
    results: [
      { id: 'small-cto', score: 10 },
      { id: 'small-ceo', score: 0 },
      { id: 'large-ceo', score: 10 },
    ],
  },
  // A blacklisted lead keeps score and grade, gets stage "Blacklisted" and route null.
  blacklist: {
    leads: [
      { id: 'carol', email: 'carol@ACME.com', title: 'Head of Marketing' },
      { id: 'dave', email: 'dave@bigcorp.ch', title: 'Head of Sales' },
    ],
    results: [
      { id: 'carol', score: 30, grade: 'A', stage: 'Blacklisted', route: null, blacklisted: true },
      { id: 'dave', score: 30, grade: 'A', stage: 'SQL', route: 'Sales', blacklisted: false },
    ],
  },
  // `domain` from the e-mail unless the lead has its own; numeric ids; unknown keys ignored.
  leads: {
    leads: [
      { id: 17, email: 'Bob@GMAIL.com', budget: null },
      { id: 'L20', email: 'anna@gmail.com', domain: 'nordsoft.de', budget: 80000, crm_owner: 'Jo' },
      { id: 'L21', email: 'carol', authority: true, events: [] },
    ],
    results: [
      { id: 17, score: -10, dimensions: { fit: -10 } },
      { id: 'L20', score: 15, dimensions: { fit: 15 } },
      { id: 'L21', score: 10, dimensions: { fit: 10 } },
    ],
  },
  // The whole result of a lead, reasons included.
  result: {
    leads: [{ id: 'L1', email: 'anna@nordsoft.de', title: 'CTO', events: [downloadWhitepaper('2026-11-13T12:00:00Z')] }],
    results: [
      {
        id: 'L1',
        score: 32.82,
        dimensions: { fit: 15, engagement: 17.82 },
        grade: null,
        stage: 'SQL',
        route: null,
        blacklisted: false,
        reasons: [
          { rule: 'when title = "CTO" add 15', line: 2, section: 'fit', points: 15 },
          { rule: 'when download whitepaper add 20', line: 4, section: 'engagement', points: 17.82, events: 1 },
        ],
      },
    ],
    whole: true,
  },
  // A reason names the rule and the list entries that matched, as the policy writes them.
  matched: {
    leads: [{ id: 'L1', title: 'VP Sales', country: 'at' }],
    results: [
      {
        id: 'L1',
        score: 15,
        dimensions: { fit: 15 },
        grade: null,
        stage: null,
        route: null,
        blacklisted: false,
        reasons: [
          {
            rule: 'when title contains any word ["CEO", "CTO", "VP"] and country in dach add 15 as "DACH executive"',
            name: 'DACH executive',
            line: 3,
            section: 'fit',
            points: 15,
            matched: [
              { field: 'title', operator: 'contains word', entry: 'VP' },
              { field: 'country', operator: 'in', entry: 'AT', list: 'dach' },
            ],
          },
        ],
      },
    ],
    whole: true,
  },
};

describe('the worked examples of spec/language.md', () => {
  it('are the ones this test scores', () => {
    const named = fences.flatMap((fence) =>
      [...fence.attributes].filter(([key]) => key !== 'error' && key !== 'warning' && !sqlAttributes.includes(key)).map(([key, name]) => `${key}=${name}`),
    );
    const expected = Object.keys(workedExamples).flatMap((name) => [`example=${name}`, `leads=${name}`, `results=${name}`]);
    expect(named.filter((entry) => !entry.startsWith('invalid=')).sort()).toEqual(expected.sort());
  });

  for (const [name, example] of Object.entries(workedExamples)) {
    it(`${name}: the document shows these leads and results`, () => {
      expect(jsonValues(fenceWith('leads', name)!)).toEqual(example.leads);
      expect(jsonValues(fenceWith('results', name)!)).toEqual(example.results);
    });

    it(`${name}: the leads score as shown, at ${now}`, () => {
      const policy = policyOf(name);
      const actual = example.leads.map((lead) => {
        const { policy: _policy, ...result } = policy.score(lead, { now });
        return result;
      });
      if (example.whole) expect(actual).toEqual(example.results);
      else expect(actual).toMatchObject(example.results);
    });
  }
});

/** The invalid leads of the document, each with the part of the message that names what is wrong. */
const invalidLeads: Array<[lead: unknown, names: string]> = [
  [[{ id: 'L1' }], 'a lead must be a JSON object'],
  ['L1', 'a lead must be a JSON object'],
  [{ id: 'L2', budget: '80000' }, '`budget` must be a number'],
  [{ id: 'L3', employees: '200' }, '`employees` must be a number'],
  [{ id: 'L4', title: 42 }, '`title` must be text'],
  [{ id: 'L5', authority: 'yes' }, '`authority` must be true or false'],
  [{ id: true }, '`id` must be text or a number'],
  [{ id: 'L6', events: { type: 'open', at: '2026-11-20' } }, '`events` must be an array'],
  [{ id: 'L7', events: null }, '`events` must be an array'],
  [{ id: 'L8', events: [5] }, '`events[0]` must be an object'],
  [{ id: 'L9', events: [{ at: '2026-11-20' }] }, '`events[0]` has no `type`'],
  [{ id: 'L10', events: [{ type: '', at: '2026-11-20' }] }, '`events[0].type` must not be empty'],
  [{ id: 'L11', events: [{ type: 'open' }] }, '`events[0]` has no `at`'],
  [{ id: 'L12', events: [{ type: 'open', at: 'last week' }] }, '`events[0].at` must be an ISO-8601 time'],
  [{ id: 'L13', events: [{ type: 'open', at: '2026-02-30' }] }, '`events[0].at` must be an ISO-8601 time'],
  [{ id: 'L14', events: [{ type: 'open', at: '2026-11-20T10:00:00+25:00' }] }, '`events[0].at` must be an ISO-8601 time'],
  [{ id: 'L15', events: [{ type: 'open', object: 7, at: '2026-11-20' }] }, '`events[0].object` must be text'],
];

describe('the invalid leads of spec/language.md', () => {
  it('are the ones this test checks', () => {
    expect(jsonValues(fenceWith('invalid', 'leads')!)).toEqual(invalidLeads.map(([lead]) => lead));
  });

  const policy = policyOf('leads');
  for (const [lead, message] of invalidLeads) {
    it(`${JSON.stringify(lead)} is rejected: ${message}`, () => {
      expect(() => policy.score(lead, { now })).toThrow(LeadError);
      expect(() => policy.score(lead, { now })).toThrow(message);
    });
  }
});
