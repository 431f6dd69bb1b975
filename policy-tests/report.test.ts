import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatJunit } from './index.js';

describe('formatJunit', () => {
  it('writes what XML 1.0 cannot hold as escapes, and keeps line breaks in attributes as references', () => {
    // A lone surrogate and U+FFFE are no XML characters; a raw line break in an attribute would be read as a space.
    const path = 'odd\ud800\ufffe\n\u001b[2Jname.test.score';
    const xml = formatJunit([{ path, results: [], broken: 'error LT1001 \udc00 at "x" & <y>\r\n' }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/[^\t\n\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u);
    const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    expect(suite['@_name']).toBe('odd\\ud800\\ufffe\n\\u001b[2Jname.test.score');
    expect(suite.testcase.error['#text']).toBe('error LT1001 \\udc00 at "x" & <y>\\u000d');
    // A pair of surrogates is one character, kept as it is.
    expect(formatJunit([{ path: '😀.test.score', results: [] }])).toContain('name="😀.test.score"');
  });
});
