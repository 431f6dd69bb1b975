import { describe, expect, it, vi } from 'vitest';
import { maxNestingDepth, type Diagnostic, type Range } from '../language/index.js';
import * as checker from './checker.js';
import { compile } from './compile.js';
import { allDiagnostics } from './diagnostics.js';

/**
 * One `describe` per diagnostic code: a minimal policy that triggers it, with
 * its exact range, and the corrected policy that compiles without it.
 */

/** `line:column-line:column`, the end exclusive. */
const span = (range: Range) => `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;

/** Codes some test below has seen reported. */
const seen = new Set<string>();

/** Compiles `text`, expects `code` exactly once with the severity of the table, and returns it. */
function report(code: string, text: string): Diagnostic & { at: string } {
  const { diagnostics, ir } = compile(text);
  const found = diagnostics.filter((d) => d.code === code);
  expect(found, `${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`).toHaveLength(1);
  const kind = allDiagnostics.find((k) => k.code === code)!;
  expect(found[0]!.severity).toBe(kind.severity);
  if (kind.severity === 'error') expect(ir).toBeUndefined();
  seen.add(code);
  return { ...found[0]!, at: span(found[0]!.range) };
}

/** The corrected policy compiles, without any diagnostic. */
function clean(text: string): void {
  const { diagnostics, ir } = compile(text);
  expect(diagnostics).toEqual([]);
  expect(ir).toBeDefined();
}

describe('LS1001: unexpected character', () => {
  it('reports single quotes with the fix', () => {
    const d = report('LS1001', `when title = 'CTO' add 10`);
    expect(d.message).toBe('strings use straight double quotes');
    expect(d.at).toBe('1:14-1:19');
    expect(d.suggestions).toEqual(['"CTO"']);
  });

  it('reports `&` with a hint', () => {
    const d = report('LS1001', 'when title = "CTO" && employees > 5 add 10');
    expect(d.message).toBe('unexpected characters `&&`');
    expect(d.at).toBe('1:20-1:22');
    expect(d.help).toBe('write `and`');
  });

  it('is clean with double quotes and `and`', () => {
    clean('when title = "CTO" and employees > 5 add 10');
  });
});

describe('LS1002: unterminated string', () => {
  it('reports the string to the end of the line', () => {
    const d = report('LS1002', 'when title = "CTO add 10');
    expect(d.message).toContain('no closing `"`');
    expect(d.at).toBe('1:14-1:25');
  });

  it('is clean when the string is closed', () => {
    clean('when title = "CTO" add 10');
  });
});

describe('LS1003: malformed number', () => {
  it('reports a suffix in the wrong case', () => {
    const d = report('LS1003', 'when revenue >= 10m add 10');
    expect(d.message).toBe('`10m` is not a number');
    expect(d.at).toBe('1:17-1:20');
    expect(d.help).toContain('k (thousand), M (million) or B (billion)');
  });

  it('reports a number too large to score with, however it is written, and never scores it as null', () => {
    const huge = report('LS1003', `when employees > 1${'0'.repeat(400)} add 5`);
    expect(huge.message).toBe('`10000000000000000000…` is too large: a number in a policy is at most 1,000,000,000,000,000');
    expect(huge.at).toBe('1:18-1:419');
    expect(report('LS1003', 'when revenue > 1001000000000000 add 1').message).toContain('is too large');
    expect(report('LS1003', 'when revenue > 2000000B add 1').message).toBe('`2000000B` is too large: a number in a policy is at most 1,000,000,000,000,000');
    clean('when revenue >= 1000000B add 1');
  });

  it('is clean with `10M`', () => {
    clean('when revenue >= 10M add 10');
  });
});

describe('LS1004: unexpected token', () => {
  it('says what was expected and what was found', () => {
    const d = report('LS1004', 'when title is not missing add 5');
    expect(d.message).toBe('expected `missing`, `present`, `true` or `false`, found `not`');
    expect(d.at).toBe('1:15-1:18');
  });

  it('is clean with `is present`', () => {
    clean('when title is present add 5');
  });
});

describe('LS1005: text after a complete statement', () => {
  it('points at the first word too many', () => {
    const d = report('LS1005', 'when request demo add 40 points');
    expect(d.message).toBe('unexpected `points`: the statement is already complete');
    expect(d.at).toBe('1:26-1:32');
  });

  it('is clean without it', () => {
    clean('when request demo add 40');
  });
});

describe('LS1006: indented line outside a section', () => {
  it('reports the whole line', () => {
    const d = report('LS1006', '  when request demo add 40');
    expect(d.message).toBe('this line is indented, but no section is open above it');
    expect(d.at).toBe('1:3-1:27');
  });

  it('is clean under a section header', () => {
    clean('engagement:\n  when request demo add 40');
  });
});

describe('LS1007: declaration inside a section', () => {
  it('reports the indented declaration', () => {
    const d = report('LS1007', 'fit:\n  when title contains "CTO" add 15\n  list dach = ["DE", "AT", "CH"]');
    expect(d.message).toBe('only rules and `decay` belong in a section; a `list` goes at the beginning of a line');
    expect(d.at).toBe('3:3-3:33');
  });

  it('is clean with the declaration at the beginning of a line', () => {
    clean('fit:\n  when title contains word "CTO" add 15\nlist dach = ["DE", "AT", "CH"]\nwhen country in dach add 5');
  });
});

describe('LS1008: nested too deeply', () => {
  const nested = (depth: number) => `when ${'('.repeat(depth)}title = "CTO"${')'.repeat(depth)} add 5`;

  it('reports the whole line', () => {
    const text = nested(maxNestingDepth + 1);
    const d = report('LS1008', text);
    expect(d.message).toBe(`this condition nests more than ${maxNestingDepth} levels deep`);
    expect(d.at).toBe(`1:1-1:${text.length + 1}`);
  });

  it(`is clean at ${maxNestingDepth} levels`, () => {
    clean(nested(maxNestingDepth));
  });
});

describe('LS1009: unclosed bracket', () => {
  it('points at the bracket that is never closed', () => {
    const d = report('LS1009', 'list dach = ["DE", "AT", "CH"\nwhen country = "DE" add 5');
    expect(d.message).toBe('this `[` is never closed');
    expect(d.at).toBe('1:13-1:14');
    expect(d.help).toBe('close it with `]` before the end of the statement');
  });

  it('is clean with the bracket closed', () => {
    clean('list dach = ["DE", "AT", "CH"]\nwhen country in dach add 5');
  });
});

describe('LS2001: unknown name', () => {
  it('suggests the field meant', () => {
    const d = report('LS2001', 'when titel contains "CTO" add 15');
    expect(d.message).toBe('unknown name `titel`: no field is called that');
    expect(d.at).toBe('1:6-1:11');
    expect(d.suggestions).toEqual(['title']);
    expect(d.help).toBe('did you mean `title`?');
  });

  it('suggests declaring a field when nothing is close', () => {
    const d = report('LS2001', 'when plan = "pro" add 5');
    expect(d.suggestions).toBeUndefined();
    expect(d.help).toBe('declare it with `field NAME: text|number|boolean`');
  });

  it('suggests a section name in a decision row', () => {
    const d = report('LS2001', 'fit:\n  when title = "CTO" add 15\ngrade "A" when fitt >= 40');
    expect(d.message).toContain('no field, section, `score`, `grade`, `stage` or `route`');
    expect(d.at).toBe('3:16-3:20');
    expect(d.suggestions).toEqual(['fit']);
  });

  it('is clean with the right names', () => {
    clean('when title contains word "CTO" add 15');
    clean('fit:\n  when title = "CTO" add 15\ngrade "A" when fit >= 10');
  });
});

describe('LS2002: unknown list', () => {
  it('suggests the list meant', () => {
    const d = report('LS2002', 'list competitors = ["acme.com"]\nwhen domain in competitor blacklist');
    expect(d.message).toBe('unknown list `competitor`');
    expect(d.at).toBe('2:16-2:26');
    expect(d.suggestions).toEqual(['competitors']);
    expect(d.help).toBe('did you mean `competitors`?');
  });

  it('suggests declaring it when nothing is close', () => {
    expect(report('LS2002', 'when domain in competitors blacklist').help).toBe('declare it with `list competitors = ["…"]`');
  });

  it('is clean with the list declared', () => {
    clean('list competitors = ["acme.com"]\nwhen domain in competitors blacklist');
  });
});

describe('LS2003: unknown event', () => {
  it('suggests the verb meant', () => {
    const d = report('LS2003', 'when downlod whitepaper add 20');
    expect(d.message).toBe('unknown event `downlod`');
    expect(d.at).toBe('1:6-1:13');
    expect(d.suggestions).toEqual(['download']);
  });

  it('suggests declaring a new verb', () => {
    const d = report('LS2003', 'when no login app for 14 days subtract 5');
    expect(d.at).toBe('1:9-1:14');
    expect(d.help).toBe('declare it with `event login app`');
  });

  it('is clean with the verb spelt right, or declared', () => {
    clean('when download whitepaper add 20');
    clean('event login app\nwhen no login app for 14 days subtract 5');
  });
});

describe('LS2004: unknown event object', () => {
  it('suggests the object meant and lists those the verb takes', () => {
    const d = report('LS2004', 'when download whitepapr add 20');
    expect(d.message).toBe('unknown event `download whitepapr`: `download` takes `whitepaper`, `ebook`, `datasheet` or `report`');
    expect(d.at).toBe('1:15-1:24');
    expect(d.suggestions).toEqual(['whitepaper']);
  });

  it('says when a verb takes no object', () => {
    const d = report('LS2004', 'when unsubscribe email subtract 30');
    expect(d.message).toBe('unknown event `unsubscribe email`: `unsubscribe` takes no object');
    expect(d.help).toBe('declare it with `event unsubscribe email`');
  });

  it('is clean with a known object', () => {
    clean('when download whitepaper add 20');
    clean('when unsubscribe subtract 30');
  });
});

describe('LS2005: unknown field type', () => {
  it('suggests the type meant', () => {
    const d = report('LS2005', 'field plan: txt\nwhen plan = "pro" add 5');
    expect(d.message).toBe('`txt` is not a field type; fields are `text`, `number`, `boolean`, `country` or `date`');
    expect(d.at).toBe('1:13-1:16');
    expect(d.suggestions).toEqual(['text']);
  });

  it('is clean with a known type', () => {
    clean('field plan: text\nwhen plan = "pro" add 5');
  });
});

describe('LS2010: duplicate list', () => {
  it('points at the second name and the line of the first', () => {
    const d = report('LS2010', 'list dach = ["DE"]\nlist dach = ["AT"]\nwhen country in dach add 5');
    expect(d.message).toBe('the list `dach` is already declared on line 1');
    expect(d.at).toBe('2:6-2:10');
  });

  it('is clean with one list', () => {
    clean('list dach = ["DE", "AT"]\nwhen country in dach add 5');
  });
});

describe('LS2011: duplicate field', () => {
  it('reports a field declared twice', () => {
    const d = report('LS2011', 'field plan: text\nfield plan: text\nwhen plan = "pro" add 5');
    expect(d.message).toBe('the field `plan` is already declared on line 1');
    expect(d.at).toBe('2:7-2:11');
  });

  it('reports a built-in field declared again', () => {
    const d = report('LS2011', 'field title: text');
    expect(d.message).toBe('`title` is a built-in field and needs no declaration');
    expect(d.at).toBe('1:7-1:12');
  });

  it('is clean with each field once', () => {
    clean('field plan: text\nwhen plan = "pro" add 5');
  });
});

describe('LS2012: duplicate section', () => {
  it('points at the second header', () => {
    const d = report('LS2012', 'fit:\n  when title = "CTO" add 15\nfit:\n  when employees > 50 add 10');
    expect(d.message).toBe('the section `fit` is already open on line 1; put its rules together');
    expect(d.at).toBe('3:1-3:4');
  });

  it('is clean with the rules together', () => {
    clean('fit:\n  when title = "CTO" add 15\n  when employees > 50 add 10');
  });
});

describe('LS2013: duplicate decision row', () => {
  it('points at the second label, alike regardless of case', () => {
    const d = report('LS2013', 'grade "A" when score > 40\ngrade "a" when score > 30');
    expect(d.message).toBe('grade "a" already has a row on line 1; join the conditions with `or`');
    expect(d.at).toBe('2:7-2:10');
  });

  it('is clean with the conditions joined', () => {
    clean('when request demo add 50\ngrade "A" when score > 40 or score > 30');
  });
});

describe('LS2014: duplicate event', () => {
  it('warns about a built-in event declared again', () => {
    const d = report('LS2014', 'event open email\nwhen open email add 5');
    expect(d.message).toBe('the event `open email` is already known');
    expect(d.at).toBe('1:12-1:17');
  });

  it('warns about a verb without objects declared again', () => {
    expect(report('LS2014', 'event unsubscribe').at).toBe('1:1-1:18');
  });

  it('is clean when the declaration adds something new', () => {
    clean('event open newsletter\nwhen open newsletter add 5\nwhen open email add 5');
  });
});

describe('LS2015: name clash', () => {
  it('reports a section named like a field', () => {
    const d = report('LS2015', 'title:\n  when employees > 5 add 1');
    expect(d.message).toBe('the section `title` has the name of the built-in field `title`; conditions could not tell them apart');
    expect(d.at).toBe('1:1-1:6');
  });

  it('reports a field named like the score', () => {
    const d = report('LS2015', 'field score: number');
    expect(d.message).toBe('`score` is reserved for the total score; name the field differently');
    expect(d.at).toBe('1:7-1:12');
  });

  it('reports a section named like a decision', () => {
    expect(report('LS2015', 'stage:\n  when employees > 5 add 1').message).toBe('`stage` is reserved for the `stage` decision; name the section differently');
  });

  it('is clean with distinct names', () => {
    clean('size:\n  when employees > 5 add 1');
  });
});

describe('LS2016: duplicate policy header', () => {
  it('reports the second header', () => {
    const d = report('LS2016', 'policy "Inbound"\npolicy "Outbound"');
    expect(d.message).toBe('the policy is already named "Inbound" on line 1');
    expect(d.at).toBe('2:1-2:18');
  });

  it('is clean with one header', () => {
    clean('policy "Inbound"');
  });
});

describe('LS2020: decision cycle', () => {
  it('reports a decision that reads itself', () => {
    const d = report('LS2020', 'grade "A" when grade = "A"');
    expect(d.message).toBe('`grade` depends on itself: grade → grade');
    expect(d.at).toBe('1:16-1:21');
  });

  it('reports each member of a cycle, told from its own side, where it reads the next', () => {
    const { diagnostics } = compile('grade "A" when stage = "SQL"\nstage "SQL" when grade = "A"');
    expect(diagnostics.map((d) => [d.code, d.message, span(d.range)])).toEqual([
      ['LS2020', '`grade` depends on itself: grade → stage → grade', '1:16-1:21'],
      ['LS2020', '`stage` depends on itself: stage → grade → stage', '2:18-2:23'],
    ]);
  });

  it('points at the decision named on the right of a comparison, too', () => {
    expect(report('LS2020', 'stage "SQL" when route = stage\nroute "Sales" otherwise').at).toBe('1:26-1:31');
  });

  it('is clean when the dependencies run one way', () => {
    clean('when request demo add 50\ngrade "A" when score > 40\nstage "SQL" when grade = "A"\nroute "Sales" when stage = "SQL"');
  });
});

describe('LS2021: a rule that tests a total or a decision', () => {
  it('reports the score in a rule', () => {
    const d = report('LS2021', 'when score > 50 add 10');
    expect(d.message).toBe('rules score fields and events; `score` is a total that rules produce, so only grade, stage and route rows can test it');
    expect(d.at).toBe('1:6-1:11');
  });

  it('reports a section total and a decision in a rule', () => {
    expect(report('LS2021', 'fit:\n  when title = "CTO" add 1\nwhen fit > 3 add 1').at).toBe('3:6-3:9');
    expect(report('LS2021', 'when grade = "A" add 1').message).toContain('`grade` is a decision made after scoring');
  });

  it('is clean in a decision row', () => {
    clean('fit:\n  when title = "CTO" add 60\nstage "SQL" when score > 50 and fit > 3');
  });
});

describe('LS3001: operator that does not apply to the type', () => {
  it('reports `contains` on a number', () => {
    const d = report('LS3001', 'when employees contains "5" add 1');
    expect(d.message).toBe('`contains` looks inside text, but the field `employees` is a number');
    expect(d.at).toBe('1:6-1:28');
  });

  it('reports `>` on text', () => {
    const d = report('LS3001', 'when title > 5 add 1');
    expect(d.message).toBe('`>` compares numbers, but the field `title` is text');
    expect(d.at).toBe('1:6-1:15');
  });

  it('reports `=` on a boolean, suggesting `is true`', () => {
    const d = report('LS3001', 'field vip: boolean\nwhen vip = "yes" add 1');
    expect(d.suggestions).toEqual(['vip is true']);
  });

  it('is clean with the right operator', () => {
    clean('when employees > 5 add 1\nwhen title contains "VP" add 1');
  });
});

describe('LS3002: comparison with a value of the wrong type', () => {
  it('reports a number compared with text, suggesting the quoted value', () => {
    const d = report('LS3002', 'when title = 5 add 1');
    expect(d.message).toBe('the field `title` is text; compare it with a string in double quotes');
    expect(d.at).toBe('1:14-1:15');
    expect(d.suggestions).toEqual(['"5"']);
  });

  it('reports two values of different types', () => {
    const d = report('LS3002', 'when employees > title add 1');
    expect(d.message).toBe('the field `employees` is a number, but the field `title` is text');
    expect(d.at).toBe('1:18-1:23');
  });

  it('is clean with the right type', () => {
    clean('when title = "5" add 1\nwhen employees > 5 add 1');
  });
});

describe('LS3003: list of the wrong type', () => {
  it('reports a list mixing strings and numbers, at the odd entry', () => {
    const d = report('LS3003', 'when country in ["DE", 5] add 1');
    expect(d.message).toBe('this list mixes strings and numbers: `5` is not a string like the first entry');
    expect(d.at).toBe('1:24-1:25');
  });

  it('reports a list of strings for a number', () => {
    expect(report('LS3003', 'when employees in ["a"] add 1').at).toBe('1:19-1:24');
  });

  it('reports an empty list', () => {
    expect(report('LS3003', 'when title contains any [] add 1').message).toBe('this list is empty, so nothing is in it');
  });

  it('is clean with a list of one type', () => {
    clean('when country in ["DE", "AT"] add 1\nwhen employees in [5, 10] add 1');
  });
});

describe('LS3004: empty range', () => {
  it('reports the bounds the wrong way round, suggesting the swap', () => {
    const d = report('LS3004', 'when employees between 1000 and 50 add 10');
    expect(d.message).toBe('`between 1000 and 50` matches nothing: the lower bound comes first');
    expect(d.at).toBe('1:24-1:35');
    expect(d.suggestions).toEqual(['between 50 and 1000']);
  });

  it('is clean with the lower bound first', () => {
    clean('when employees between 50 and 1000 add 10');
  });
});

describe('LS3005: a value where a condition is expected', () => {
  it('reports a text field alone', () => {
    const d = report('LS3005', 'when phone add 5');
    expect(d.message).toBe('`phone` is a value, not a condition: write a test such as `phone is present`');
    expect(d.at).toBe('1:6-1:11');
  });

  it('suggests `is true` for a boolean field', () => {
    expect(report('LS3005', 'field vip: boolean\nwhen vip add 5').suggestions).toEqual(['vip is true']);
  });

  it('is clean with a test', () => {
    clean('when phone is present add 5');
  });
});

describe('LS3010: a country no one knows', () => {
  it('points at the string and suggests the country meant', () => {
    const d = report('LS3010', 'when country = "Germny" add 5');
    expect(d.message).toBe('"Germny" is no country leadscore knows');
    expect(d.at).toBe('1:16-1:24');
    expect(d.suggestions).toEqual(['"Germany"']);
    expect(d.help).toBe('did you mean "Germany" (DE)?');
  });

  it('suggests codes for a code', () => {
    const d = report('LS3010', 'field hq: country\nwhen hq in ["DE", "AT", "CHH"] add 5');
    expect(d.message).toBe('"CHH" is no country leadscore knows');
    expect(d.at).toBe('2:25-2:30');
    expect(d.suggestions).toContain('"CHE"');
  });

  it('points into the declaration of a named list, once however often it is used', () => {
    const { diagnostics } = compile('list dach = ["DE", "Austira", "CH"]\nwhen country in dach add 5\nwhen country not in dach add 1');
    const found = diagnostics.filter((d) => d.code === 'LS3010');
    expect(found.map((d) => [d.message, span(d.range)])).toEqual([['"Austira" is no country leadscore knows', '1:20-1:29']]);
    expect(found[0]!.help).toBe('did you mean "Austria" (AT)?');
  });

  it('says what to write when nothing is close', () => {
    const d = report('LS3010', 'when country = "EMEA" add 5');
    expect(d.help).toBe('write its English or German name, or its ISO 3166-1 code (`DE`, `DEU`)');
  });

  it('is clean with names, German names, codes and variants', () => {
    clean('when country in ["Germany", "Deutschland", "DE", "DEU", "Österreich", "Schweiz", "USA", "U.S.", "UK", "Great Britain", "Czechia", "Korea, Republic of"] add 5');
    clean('list dach = ["DE", "AT", "CH"]\nfield region: text\nwhen country in dach add 5\nwhen region in dach add 1');
  });

  it('leaves text fields alone: any text is text', () => {
    clean('field region: text\nwhen region = "Germny" add 5');
  });
});

describe('LS3011: a country name several countries share', () => {
  it('names the countries and suggests their codes', () => {
    const d = report('LS3011', 'when country = "Congo" add 5');
    expect(d.message).toBe('"Congo" could be CD (Democratic Republic of the Congo) or CG (Republic of the Congo): several countries are called so');
    expect(d.at).toBe('1:16-1:23');
    expect(d.suggestions).toEqual(['"CD"', '"CG"']);
  });
});

describe('LS3012: a text field that holds countries', () => {
  it('warns once per field, where it is first compared with countries', () => {
    const d = report('LS3012', 'field hq_country: text\nwhen hq_country in ["DE", "AT"] add 5\nwhen hq_country = "Germany" add 1');
    expect(d.message).toBe(
      '`hq_country` is text, so countries match only as written (`Germany` is not `DE`): declare it `field hq_country: country` to compare them however they are written',
    );
    expect(d.at).toBe('2:6-2:32');
  });

  it('is clean for a text field named otherwise, text that is no country, and a country field', () => {
    clean('field region: text\nwhen region = "DE" add 1');
    clean('field country_tier: text\nwhen country_tier = "gold" add 1');
    clean('field hq_country: country\nwhen hq_country in ["DE", "AT"] add 5');
  });
});

describe('country fields: the operators that apply', () => {
  it('refuses `contains`, `starts with` and `ends with`: a country is compared by which country it is', () => {
    const d = report('LS3001', 'when country contains "United" add 5');
    expect(d.message).toBe('`contains` looks inside text, but the field `country` is a country, compared by which country it is');
    expect(d.help).toBe('list the countries instead, e.g. `country in ["US", "GB"]`, or declare a `text` field to look inside what is written');
  });

  it('refuses `<` and a comparison with a text field', () => {
    expect(report('LS3001', 'when country > "DE" add 5').message).toBe('`>` compares numbers, but the field `country` is a country');
    expect(report('LS3002', 'field region: text\nwhen country = region add 5').message).toBe('the field `country` is a country, but the field `region` is text');
  });

  it('compiles a country literal to its alpha-2 code, and a list used with a text and a country field to two lists', () => {
    const { ir } = compile(
      'list dach = ["Deutschland", "AT", "CHE"]\nfield region: text\nfield hq: country\nwhen country = "United States" add 5\nwhen hq in dach add 1\nwhen region in dach add 1',
    );
    expect(ir!.inputs.find((input) => input.name === 'country')!.type).toBe('country');
    expect(ir!.predicates.find((p) => p.op === 'compare')).toMatchObject({ operand: 'US' });
    expect(ir!.lists.map((list) => [list.id, list.type, list.values])).toEqual([
      ['list:dach', 'country', ['DE', 'AT', 'CH']],
      ['list:dach:text', 'text', ['deutschland', 'at', 'che']],
    ]);
  });
});

describe('LS4001: `each` without an event', () => {
  it('points at `each`', () => {
    const d = report('LS4001', 'when title = "CTO" add 5 each');
    expect(d.message).toBe('`each` scores per matching event, but this condition is not a single event pattern');
    expect(d.at).toBe('1:26-1:30');
  });

  it('reports `each` on two events joined with `or`', () => {
    expect(report('LS4001', 'when open email or click email add 5 each').at).toBe('1:38-1:42');
  });

  it('is clean on a single event pattern, in parentheses or not', () => {
    clean('when open email add 5 each, at most 20');
    clean('when (open email) add 5 each, at most 20');
  });
});

describe('LS4002: `at most` without an event', () => {
  it('points at the cap', () => {
    const d = report('LS4002', 'when title = "CTO" add 5, at most 10');
    expect(d.message).toBe('`at most` caps points from repeated events, but this condition is not a single event pattern');
    expect(d.at).toBe('1:35-1:37');
  });

  it('is clean on an event rule with `each`', () => {
    clean('when open email add 5 each, at most 10');
  });
});

describe('LS4003: `K times` or `within` after something that is not an event', () => {
  it('reports `K times` over its words', () => {
    const d = report('LS4003', 'when title = "CTO" 3 times add 5');
    expect(d.message).toBe('`3 times` counts events, but it follows a condition that is not an event pattern');
    expect(d.at).toBe('1:20-1:27');
  });

  it('reports `within N days` over its words', () => {
    const d = report('LS4003', 'when (open email or click email) within 7 days add 5');
    expect(d.message).toBe('`within 7 days` counts events, but it follows a condition that is not an event pattern');
    expect(d.at).toBe('1:34-1:47');
  });

  it('reports both at once, in the words written', () => {
    const d = report('LS4003', 'when title = "CTO" 1 time within 1 day add 5');
    expect(d.message).toBe('`1 time within 1 day` counts events, but it follows a condition that is not an event pattern');
    expect(d.at).toBe('1:20-1:39');
  });

  it('is clean right after an event', () => {
    clean('when open email 3 times add 5\nwhen open email within 7 days or click email within 7 days add 5');
  });
});

describe('LS4004: `at most` on a rule that scores once', () => {
  it('warns at the cap', () => {
    const d = report('LS4004', 'when open email add 5, at most 15');
    expect(d.message).toBe('this rule scores once, so `at most` has no effect; add `each` to score per event');
    expect(d.at).toBe('1:32-1:34');
  });

  it('is clean with `each`', () => {
    clean('when open email add 5 each, at most 15');
  });
});

describe('LS4005: unreachable decision row', () => {
  it('warns about the row after `otherwise`', () => {
    const d = report('LS4005', 'stage "Nurture" otherwise\nstage "SQL" when score > 50');
    expect(d.message).toBe('this stage row can never match: `stage "Nurture" otherwise` on line 1 matches every lead first');
    expect(d.at).toBe('2:1-2:28');
  });

  it('is clean with `otherwise` last', () => {
    clean('when request demo add 60\nstage "SQL" when score > 50\nstage "Nurture" otherwise');
  });
});

describe('LS4006: misplaced decay', () => {
  it('reports decay outside a section', () => {
    const d = report('LS4006', 'decay half-life 30 days');
    expect(d.message).toBe('`decay` belongs in a section: indent it under the section whose points should decay');
    expect(d.at).toBe('1:1-1:24');
  });

  it('reports a second decay in one section', () => {
    const d = report('LS4006', 'engagement:\n  when open email add 5\n  decay half-life 30 days\n  decay half-life 60 days');
    expect(d.message).toBe('the section `engagement` already decays (line 3)');
    expect(d.at).toBe('4:3-4:26');
  });

  it('is clean with one decay in a section', () => {
    clean('engagement:\n  when open email add 5\n  decay half-life 30 days');
  });
});

describe('LS4007: number out of range', () => {
  it('reports negative points, suggesting the other verb', () => {
    const d = report('LS4007', 'when title = "x" add -5');
    expect(d.message).toBe('points are written without a sign: use `subtract 5`');
    expect(d.at).toBe('1:22-1:24');
    expect(d.suggestions).toEqual(['subtract 5']);
    // The suggestion replaces the verb too: `add -5` becomes `subtract 5`.
    expect(d.replaces && [d.replaces.start.column, d.replaces.end.column]).toEqual([18, 24]);
  });

  it.each([
    ['when open email 0 times add 5', '`K times` needs a whole number of at least 1', '1:17-1:18'],
    ['when open email 1.5 times add 5', '`K times` needs a whole number of at least 1', '1:17-1:20'],
    ['when open email within 0 days add 5', 'a time window must be greater than 0', '1:24-1:25'],
    ['when no activity for 0 days subtract 5', 'the number of days must be greater than 0', '1:22-1:23'],
    ['when open email add 5 each, at most 0', 'the cap must be greater than 0', '1:37-1:38'],
    ['engagement:\n  when open email add 5\n  decay half-life 0 days', 'a half-life must be greater than 0', '3:19-3:20'],
  ])('reports `%s`', (text, message, at) => {
    const d = report('LS4007', text);
    expect(d.message).toBe(message);
    expect(d.at).toBe(at);
  });

  it('is clean with numbers in range', () => {
    clean('when title = "x" subtract 5\nwhen open email 1 time within 1 day add 5 each, at most 10\nwhen no activity for 1 day subtract 5');
  });
});

describe('LS4008: a decision label no row gives', () => {
  it('warns and suggests the label meant', () => {
    const d = report('LS4008', 'grade "A" when score > 40\nstage "SQL" when grade = "AA"');
    expect(d.message).toBe('no grade row is named "AA", so this never matches');
    expect(d.at).toBe('2:26-2:30');
    expect(d.suggestions).toEqual(['"A"']);
    expect(d.help).toBe('did you mean `"A"`?');
  });

  it('points at the entry of a list written in place', () => {
    expect(report('LS4008', 'grade "A" when score > 40\ngrade "B" when score > 20\nstage "SQL" when grade in ["A", "C"]').at).toBe('3:33-3:36');
  });

  it('is clean with a label some row gives, in any case, and with `Blacklisted`', () => {
    clean('when request demo add 60\ngrade "A" when score > 40\nstage "SQL" when grade = "a"\nroute "None" when stage = "Blacklisted"');
  });
});

describe('LS4009: empty section', () => {
  it('warns at the section name', () => {
    const d = report('LS4009', 'engagement:\n  decay half-life 30 days');
    expect(d.message).toBe('the section `engagement` has no rules, so it always scores 0');
    expect(d.at).toBe('1:1-1:11');
  });

  it('is not reported when the section’s rules are there but broken', () => {
    const { diagnostics } = compile('engagement:\n  when open email add\n  when = 5 add 3\nwhen unsubscribe subtract 30');
    expect(diagnostics.map((d) => d.code)).toEqual(['LS1004', 'LS1004']);
  });

  it('is clean with a rule in it', () => {
    clean('engagement:\n  when open email add 5\n  decay half-life 30 days');
  });
});

describe('LS4011: too many rules', () => {
  const rules = (count: number) => Array.from({ length: count }, (_, i) => `when employees > ${i} add 1`).join('\n');

  it('points at the first rule beyond the limit', { timeout: 60_000 }, () => {
    const d = report('LS4011', rules(200_001));
    expect(d.message).toBe('this policy has 200,001 rules; a policy holds at most 200,000');
    expect(d.at).toBe('200001:1-200001:30');
  });
});

describe('LS4010: comparison with empty text', () => {
  it('warns at `= ""` and suggests `is missing`', () => {
    const d = report('LS4010', 'when phone = "" subtract 5');
    expect(d.message).toBe('blank text counts as missing, so `= ""` never matches: write `phone is missing`');
    expect(d.at).toBe('1:6-1:16');
    expect(d.suggestions).toEqual(['phone is missing']);
  });

  it('warns at `!= "  "` and suggests `is present`', () => {
    const d = report('LS4010', 'when phone != "  " add 5');
    expect(d.suggestions).toEqual(['phone is present']);
  });

  it('is clean with `is missing`', () => {
    clean('when phone is missing subtract 5');
  });
});

describe('LS2030: import without files', () => {
  it('reports `import` and `list … from` when compiled without a host', () => {
    const d = report('LS2030', 'import "shared.score"\nwhen title = "CTO" add 5');
    expect(d.message).toBe('this policy is compiled without access to files, so it cannot import');
    expect(d.at).toBe('1:8-1:22');
  });

  it('is clean with the declarations written in place', () => {
    clean('list titles = ["CTO"]\nwhen title in titles add 5');
  });
});

describe('LS2031: unreadable file', () => {
  const host = { resolve: (_from: string, specifier: string) => specifier, readFile: (path: string) => (path === 'lists.score' ? 'list titles = ["CTO"]\n' : undefined) };

  it('reports an import of a file that cannot be read, at its path', () => {
    const { diagnostics } = compile('import "list.score"\nwhen title = "CTO" add 5', { host });
    expect(diagnostics.map((d) => [d.code, d.message, span(d.range)])).toEqual([['LS2031', 'cannot read "list.score" (list.score)', '1:8-1:20']]);
    seen.add('LS2031');
  });

  it('is clean when the file is there', () => {
    expect(compile('import "lists.score"\nwhen title in titles add 5', { host }).diagnostics).toEqual([]);
  });
});

describe('LS2032: import cycle', () => {
  it('reports the import that closes the circle, with the whole circle', () => {
    const host = { resolve: (_from: string, specifier: string) => specifier, readFile: () => 'import "policy.score"\n' };
    const { diagnostics } = compile('import "other.score"\n', { host });
    expect(diagnostics.map((d) => [d.code, d.message, d.range.file, span(d.range)])).toEqual([
      ['LS2032', 'import cycle: policy.score → other.score → policy.score', 'other.score', '1:8-1:22'],
    ]);
    seen.add('LS2032');
  });
});

describe('LS2033: unknown bundled mapping', () => {
  it('names the mappings leadscore ships, with no files needed', () => {
    const d = report('LS2033', 'import "leadscore:pipedrive"\nwhen title = "CTO" add 5');
    expect(d.message).toBe('leadscore ships no mapping "leadscore:pipedrive"; it ships "leadscore:hubspot", "leadscore:salesforce"');
    expect(d.at).toBe('1:8-1:29');
  });

  it('is clean for a bundled mapping, even where the policy is compiled without files', () => {
    clean('import "leadscore:hubspot"\nwhen title = "CTO" add 5');
    clean('import "leadscore:salesforce"\nwhen title = "CTO" add 5');
  });
});

describe('LS2040: source names for an undeclared field', () => {
  it('points at the name, with a suggestion', () => {
    const d = report('LS2040', 'field titel from "Job Title"\nwhen title = "CTO" add 5');
    expect(d.message).toBe('no field `titel` is declared or built in; declare it with `field titel: TYPE from …`');
    expect(d.help).toBe('did you mean `title`?');
    expect(d.at).toBe('1:7-1:12');
  });

  it('is clean for a built-in field, and for a field declared in another statement (before or after)', () => {
    clean('field title from "Job Title"\nwhen title = "CTO" add 5');
    clean('field budget from "Budget (USD)"\nfield budget: number\nwhen budget > 5 add 5');
    clean('field budget: number from "Budget (USD)", "budget_usd"\nwhen budget > 5 add 5');
  });
});

describe('LS2041: one CRM name for two things', () => {
  it('refuses a source of two fields', () => {
    const d = report('LS2041', 'field title from "Position"\nfield company from "position"\nwhen title = "CTO" add 5');
    expect(d.message).toBe('"position" is already a source of the field `title`; one value cannot fill two fields');
    expect(d.at).toBe('2:20-2:30');
  });

  it("refuses another field's own name as a source", () => {
    expect(report('LS2041', 'field title from "Company"\nwhen title = "CTO" add 5').message).toBe('"Company" is the name of the field `company`; one value cannot fill two fields');
  });

  it('refuses a CRM event name for two events, and a column name for two parts of an event', () => {
    expect(report('LS2041', 'event open email from "Email"\nevent click email from "EMAIL"\nwhen open email add 5').message).toBe(
      '"EMAIL" already means the event `open email`; one CRM event cannot be two events',
    );
    expect(report('LS2041', 'events at from "When"\nevents name from "when"\nwhen open email add 5').message).toBe(
      '"when" already names the events\' `at`; one value cannot be two parts of an event',
    );
  });

  it('is clean when two mappings give one field the same name', () => {
    clean('field title from "Title"\nfield title from "title", "Job Title"\nevent open email from "Open"\nevent open email from "open"\nwhen title = "CTO" add 5');
  });
});

describe('LS2042: an events part that does not exist', () => {
  it('lists the parts events have', () => {
    const d = report('LS2042', 'events lead from "Contact ID"\nwhen open email add 5');
    expect(d.message).toBe('events have no `lead`; they have `lead_id`, `type`, `object`, `name`, `at`');
    expect(d.help).toBe('did you mean `lead_id`?');
    expect(d.at).toBe('1:8-1:12');
  });

  it('is clean for each part, `at` included', () => {
    clean(
      'events lead_id from "Contact ID"\nevents type from "Event Type"\nevents object from "Asset"\nevents name from "Event Name"\nevents at from "Timestamp"\nwhen open email add 5',
    );
  });
});

describe('LS2043: one CRM event name for several events', () => {
  it('points at the names', () => {
    const d = report('LS2043', 'event download whitepaper, ebook from "Asset Download"\nwhen download ebook add 5');
    expect(d.message).toBe('a CRM event name means one event; give each of `download whitepaper`, `download ebook` its own line');
    expect(d.at).toBe('1:39-1:55');
  });
});

describe('LS2044: unknown date format', () => {
  it('points at the format and suggests the one meant', () => {
    const d = report('LS2044', 'dates "MM/DD/YY"\nfield created: date\nwhen created within 30 days add 5');
    expect(d.message).toBe('"MM/DD/YY" is not a date format leadscore reads');
    expect(d.at).toBe('1:7-1:17');
    expect(d.suggestions).toEqual(['"MM/DD/YYYY"']);
  });

  it('names the formats when nothing is close', () => {
    const d = report('LS2044', 'dates "ISO week"\nfield created: date\nwhen created within 30 days add 5');
    expect(d.help).toBe('write one of "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "MM-DD-YYYY" or "DD-MM-YYYY"; a time of day may follow the date in any of them');
  });

  it('is clean with a format it reads, with or without a time of day', () => {
    clean('dates "DD.MM.YYYY HH:mm"\nfield created: date\nwhen created within 30 days add 5');
    clean('dates "mm/dd/yyyy"\nfield created: date\nwhen created within 30 days add 5');
  });
});

describe('LS2045: two date formats', () => {
  it('points at the second statement and names the first', () => {
    const d = report('LS2045', 'dates "MM/DD/YYYY"\ndates "DD/MM/YYYY"\nfield created: date\nwhen created within 30 days add 5');
    expect(d.message).toBe('dates are already read as MM/DD/YYYY (on line 1); a policy reads one format');
    expect(d.at).toBe('2:1-2:19');
  });

  it('is clean when both state the same format', () => {
    clean('dates "MM/DD/YYYY"\ndates "MM/DD/YYYY HH:mm"\nfield created: date\nwhen created within 30 days add 5');
  });
});

describe('LS2046: unknown number format', () => {
  it('points at the format and suggests the formats it may have meant', () => {
    const d = report('LS2046', 'numbers "1.234.56"\nfield deal_size: number\nwhen deal_size > 1000 add 5');
    expect(d.message).toBe('"1.234.56" is not a number format leadscore reads');
    expect(d.at).toBe('1:9-1:19');
    expect(d.suggestions).toEqual(['"1,234.56"', '"1.234,56"', '"1\'234.56"']);
  });

  it('names the formats when nothing is close, a locale say', () => {
    const d = report('LS2046', 'numbers "de-DE"\nfield deal_size: number\nwhen deal_size > 1000 add 5');
    expect(d.help).toBe('write one of "1,234.56", "1.234,56", "1 234,56" or "1\'234.56": the number 1234.56 as the CRM writes it');
  });

  it('is clean with each format it reads, a no-break space or a typographic apostrophe too', () => {
    for (const format of ['1,234.56', '1.234,56', '1 234,56', "1'234.56", '1\u00a0234,56', '1\u2019234.56'])
      clean(`numbers "${format}"\nfield deal_size: number\nwhen deal_size > 1000 add 5`);
  });

  it('leaves `numbers` a name elsewhere: a field, an event, a section', () => {
    clean('field numbers: number\nwhen numbers > 3 add 1');
    clean('event numbers\nwhen numbers add 1');
    clean('numbers:\n  when title contains "CEO" add 1');
  });
});

describe('LS2047: two number formats', () => {
  it('points at the second statement and names the first', () => {
    const d = report('LS2047', 'numbers "1.234,56"\nnumbers "1,234.56"\nfield deal_size: number\nwhen deal_size > 1000 add 5');
    expect(d.message).toBe('numbers are already read as 1.234,56 (on line 1); a policy reads one format');
    expect(d.at).toBe('2:1-2:19');
  });

  it('is clean when both state the same format', () => {
    clean('numbers "1 234,56"\nnumbers "1\u00a0234,56"\nfield deal_size: number\nwhen deal_size > 1000 add 5');
  });
});

describe('LS3006: a date that is not ISO-8601', () => {
  it('points at the text and says how to write a date', () => {
    const d = report('LS3006', 'field created: date\nwhen created before "01/02/2026" add 5');
    expect(d.message).toBe('"01/02/2026" is not an ISO-8601 date or time');
    expect(d.at).toBe('2:21-2:33');
    expect(d.help).toContain('"2026-01-01"');
  });

  it('refuses a date that does not exist', () => {
    expect(report('LS3006', 'field created: date\nwhen created after "2026-02-30" add 5').message).toBe('"2026-02-30" is not an ISO-8601 date or time');
  });

  it('is clean with a date or a time', () => {
    clean('field created: date\nwhen created before "2026-01-02" add 5\nwhen created after "2026-01-01T12:00:00+01:00" add 1');
  });

  it('refuses a time outside the years 0000 to 9999 (UTC), which a rule graph could not hold', () => {
    const early = report('LS3006', 'field created: date\nwhen created before "0000-01-01T00:00:00+01:00" add 5');
    expect(early.message).toBe('"0000-01-01T00:00:00+01:00" is outside the years 0000 to 9999 (UTC), the times leadscore can write and read back');
    // The compiler wrote `+010000-01-01T00:00:00.000Z` into the rule graph, which the runtime then refused.
    const after = report('LS3006', 'field created: date\nwhen created after "9999-12-31" add 5');
    expect(after.message).toBe('no date is after "9999-12-31": dates are read in the years 0000 to 9999 (UTC)');
    expect(after.at).toBe('2:20-2:32');
    clean('field created: date\nwhen created after "9999-12-30" add 5\nwhen created before "0000-01-01" add 1\nwhen created after "9999-12-31T23:59:59Z" add 1');
  });
});

describe('LS3001 on dates: a date operator on another type, or an operator that does not compare dates', () => {
  it('`before`, `after`, `within` and `more than … ago` on a field that is not a date', () => {
    const before = report('LS3001', 'when title before "2026-01-01" add 5');
    expect(before.message).toBe('`before` tests a date, but the field `title` is text');
    expect(before.help).toBe('declare the field as `date` (`field title: date`) if it holds dates');
    expect(report('LS3001', 'when employees more than 30 days ago add 5').message).toBe('`more than … days ago` tests a date, but the field `employees` is a number');
    expect(report('LS3001', 'when employees within 30 days add 5').message).toBe('`within N days` tests a date, but the field `employees` is a number');
  });

  it('`=`, `>`, `between`, `in` and `contains` on a date, pointing at `before` and `after`', () => {
    const greater = report('LS3001', 'field created: date\nwhen created > "2026-01-01" add 5');
    expect(greater.message).toBe('`>` does not compare dates: the field `created` is a date');
    expect(greater.suggestions).toEqual(['created after "2026-01-01"']);
    expect(greater.help).toBe('test a date with `before "2026-01-01"`, `after "…"`, `within N days` or `more than N days ago`');
    expect(report('LS3001', 'field created: date\nwhen created between 1 and 2 add 5').message).toBe('`between` compares numbers, but the field `created` is a date');
    expect(report('LS3001', 'field created: date\nwhen created in ["2026-01-01"] add 5').message).toBe('`in` compares text or numbers, but the field `created` is a date');
    expect(report('LS3001', 'field created: date\nwhen created contains "2026" add 5').message).toBe('`contains` looks inside text, but the field `created` is a date');
    expect(report('LS3001', 'field created: date\nwhen created is true add 5').message).toBe('`is true` tests a true/false field, but the field `created` is a date');
  });

  it('is clean with the date words, `is missing` and `is present`', () => {
    clean(
      'field created: date\nfield last_contacted: date\n' +
        'when created within 90 days add 10\nwhen last_contacted more than 30 days ago subtract 5\n' +
        'when created after "2026-01-01" and created before "2026-07-01" add 1\nwhen last_contacted is missing subtract 1\nwhen created is present add 1',
    );
  });

  it('a date field alone is a value, and `K times` counts events, not dates', () => {
    expect(report('LS3005', 'field created: date\nwhen created add 5').message).toBe(
      '`created` is a value, not a condition: write a test such as `created within 30 days` or `created is present`',
    );
    expect(report('LS4003', 'field created: date\nwhen created 3 times within 30 days add 5').message).toBe('`3 times` counts events, but `created` is a date field');
    expect(report('LS4007', 'field created: date\nwhen created more than 0 days ago add 5').message).toBe('the number of days must be greater than 0');
    expect(report('LS4001', 'field created: date\nwhen created within 30 days add 5 each').message).toContain('not a single event pattern');
  });
});

describe('LS2050: two rules with the same name', () => {
  it('points at the second name, naming the line of the first; case and spaces do not make names differ', () => {
    const d = report('LS2050', 'fit:\n  when title contains "CEO" add 15 as "Decision maker"\n  when title contains "CTO" add 10 as " decision MAKER "');
    expect(d.message).toBe('the rule on line 2 is already named "Decision maker"; give each rule its own name');
    expect(d.at).toBe('3:39-3:57');
  });

  it('finds a twin in an imported file, and names the file', () => {
    const host = { resolve: (_from: string, specifier: string) => specifier, readFile: () => 'when title = "CEO" add 5 as "Chief"\n' };
    const { diagnostics } = compile('import "other.score"\nwhen title = "CTO" add 5 as "Chief"\n', { host });
    expect(diagnostics.map((d) => [d.code, d.message, span(d.range)])).toEqual([
      ['LS2050', 'the rule on line 1 of other.score is already named "Chief"; give each rule its own name', '2:29-2:36'],
    ]);
  });

  it('accepts distinct names, and the same text as a decision label', () => {
    expect(compile('when title = "CEO" add 5 as "A"\nwhen title = "CTO" add 5 as "B"\ngrade "A" when score > 1').diagnostics).toEqual([]);
  });
});

describe('LS2051: empty rule name', () => {
  it('points at the empty name', () => {
    const d = report('LS2051', 'when title = "CEO" add 5 as "  "');
    expect(d.message).toBe('a rule’s name cannot be empty');
    expect(d.at).toBe('1:29-1:33');
  });
});

describe('LS9001: internal compiler error', () => {
  it('is returned, not thrown, when a phase of the compiler throws', () => {
    const spy = vi.spyOn(checker, 'check').mockImplementation(() => {
      throw new Error('checker exploded');
    });
    try {
      const result = compile('when title = "CTO" add 5');
      expect(spy).toHaveBeenCalledOnce();
      expect(result.ir).toBeUndefined();
      expect(result.diagnostics.map((d) => [d.code, d.severity, d.message, span(d.range)])).toEqual([['LS9001', 'error', 'internal compiler error: checker exploded', '1:1-1:1']]);
      seen.add('LS9001');
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps the diagnostics found before the fault', () => {
    const spy = vi.spyOn(checker, 'check').mockImplementation(() => {
      throw 'not an Error';
    });
    try {
      const codes = compile('when title = "CTO" add 5\nwhen revenue > 10m add 5').diagnostics.map((d) => d.code);
      expect(codes).toEqual(['LS9001', 'LS1003']);
    } finally {
      spy.mockRestore();
    }
  });

  it('compiles normally again once the fault is gone', () => {
    clean('when title = "CTO" add 5');
  });
});

describe('LS5001: a decision row an earlier row covers', () => {
  it('reports the later row', () => {
    const d = report('LS5001', 'fit:\n  when title = "VP" add 30\ngrade "A" when fit >= 20\ngrade "B" when fit >= 25');
    expect(d.message).toBe('this grade row can never match: every lead it matches already gets grade "A" from line 3');
    expect(d.at).toBe('4:1-4:25');
  });

  it('is clean with the narrower row first', () => {
    clean('fit:\n  when title = "VP" add 30\ngrade "A" when fit >= 25\ngrade "B" when fit >= 20');
  });
});

describe('LS5002: a threshold out of reach', () => {
  it('reports the comparison', () => {
    const d = report('LS5002', 'fit:\n  when title = "VP" add 30\ngrade "A" when fit >= 40');
    expect(d.message).toBe('`fit` is at most 30, so `fit >= 40` is never true');
    expect(d.at).toBe('3:16-3:25');
  });

  it('is clean with a threshold in range', () => {
    clean('fit:\n  when title = "VP" add 30\ngrade "A" when fit >= 30');
  });
});

describe('LS5003: a condition that is always false', () => {
  it('reports the `and`', () => {
    const d = report('LS5003', 'when employees > 100 and employees < 50 add 10');
    expect(d.message).toBe('this condition is always false: its tests of `employees` exclude each other, so the rule never scores');
    expect(d.at).toBe('1:6-1:40');
  });

  it('is clean when the tests can hold together', () => {
    clean('when employees > 50 and employees < 100 add 10');
  });
});

describe('LS5004: an unused declaration', () => {
  it('reports the name', () => {
    const d = report('LS5004', 'list dach = ["DE", "AT", "CH"]\nwhen country = "DE" add 5');
    expect(d.message).toBe('the list `dach` is declared but no rule or row uses it');
    expect(d.at).toBe('1:6-1:10');
  });

  it('is clean when a rule uses it', () => {
    clean('list dach = ["DE", "AT", "CH"]\nwhen country in dach add 5');
  });
});

describe('LS5005: `each` without a cap or decay', () => {
  it('reports `each`', () => {
    const d = report('LS5005', 'engagement:\n  when open email add 5 each');
    expect(d.message).toContain('grow without limit');
    expect(d.at).toBe('2:25-2:29');
  });

  it('is clean with a cap or decay', () => {
    clean('engagement:\n  when open email add 5 each, at most 15');
    clean('engagement:\n  when open email add 5 each\n  decay half-life 60 days');
  });
});

describe('LS5006: the same condition scored twice in a section', () => {
  it('reports the second condition', () => {
    const d = report('LS5006', 'fit:\n  when title contains "VP" add 10\n  when title contains "vp" add 5');
    expect(d.message).toBe("the section `fit` already scores this condition on line 2, so a lead that meets it gets both rules' points");
    expect(d.at).toBe('3:8-3:27');
  });

  it('is clean with one rule', () => {
    clean('fit:\n  when title contains "VP" add 15');
  });
});

describe('LS5007: a term that matches inside other words', () => {
  it('names the term and a word it matches inside, at the list, with `word` as the fix', () => {
    const text = 'fit:\n  when title contains any ["CEO", "CTO", "VP"] add 15';
    const d = report('LS5007', text);
    expect(d.message).toBe('"CTO" also matches inside other words, such as "director"');
    expect(d.at).toBe('2:27-2:47');
    expect(d.help).toBe('`contains any word` matches whole words only');
    expect(d.suggestions).toEqual([' contains any word ']);
    const fixed = text.slice(0, d.replaces!.start.offset) + d.suggestions![0] + text.slice(d.replaces!.end.offset);
    expect(fixed).toBe('fit:\n  when title contains any word ["CEO", "CTO", "VP"] add 15');
    clean(fixed);
  });

  it('checks `starts with` for a word that runs on, `ends with` for a word that starts before', () => {
    expect(report('LS5007', 'when title starts with "intern" subtract 10').message).toBe('"intern" also matches inside other words, such as "international"');
    expect(report('LS5007', 'when title ends with "IT" add 1').message).toBe('"IT" also matches inside other words, such as "audit"');
    clean('when title starts with "head" add 1');
    clean('when title ends with "officer" add 1');
  });

  it('lists every term of one condition, also of a named list and inside `not`, `and` and decision rows', () => {
    expect(report('LS5007', 'list short = ["CTO", "IT", "CEO"]\nwhen not title contains any short add 5').message).toBe(
      '"CTO" and "IT" also match inside other words, such as "director" and "security"',
    );
    expect(report('LS5007', 'route "Tech" when title contains "IT" and employees > 10\nroute "Other" otherwise').at).toBe('1:34-1:38');
  });

  it('leaves alone longer forms of the term, single letters, addresses, and declared text fields only when they are text', () => {
    clean('when title contains "engineer" add 5');
    clean('when title contains "Leiter" add 5');
    clean('when title contains "a" add 5');
    clean('when email contains "info" add 5\nwhen domain contains "it" add 1\nwhen website ends with "ing" add 1');
    clean('when title contains any word ["CTO", "IT"] add 5');
    report('LS5007', 'field department: text\nwhen department contains "IT" add 5');
  });
});

describe('the diagnostic table', () => {
  it('has unique codes, each with a severity and a summary', () => {
    const codes = allDiagnostics.map((kind) => kind.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const kind of allDiagnostics) {
      expect(kind.code).toMatch(/^LS\d{4}$/);
      expect(['error', 'warning']).toContain(kind.severity);
      expect(kind.summary.length).toBeGreaterThan(10);
    }
  });

  // Runs last: tests in a file run in order.
  it('has every code triggered by a test above; a new code needs its own `describe`', () => {
    const missing = allDiagnostics.map((kind) => kind.code).filter((code) => !seen.has(code));
    expect(missing).toEqual([]);
  });
});
