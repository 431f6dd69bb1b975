import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countriesSource, countryData } from '../scripts/countries-source.js';
import { countryCode, countryValue } from './countries.js';
import { countryKey } from './country-key.js';

describe('runtime/countries.generated.ts', () => {
  it('is what the generator writes from the libraries now', () => {
    const committed = readFileSync(join(import.meta.dirname, 'countries.generated.ts'), 'utf8');
    expect(countriesSource() === committed, 'runtime/countries.generated.ts is out of date: run `npm run spec:countries`').toBe(true);
  });

  it('holds every ISO 3166-1 country, and leaves out names several share', () => {
    const { records, ambiguous } = countryData();
    expect(records.length).toBeGreaterThanOrEqual(249);
    for (const { code, alpha3 } of records) {
      expect(countryCode(code)).toBe(code);
      expect(countryCode(alpha3)).toBe(code);
    }
    expect(ambiguous.get('congo')).toEqual(['CD', 'CG']);
    expect(countryCode('Congo')).toBeUndefined();
  });
});

describe('countryCode: a country however it is written', () => {
  const forms: Array<[what: string, written: string[], code: string]> = [
    ['English names', ['Germany', 'Austria', 'Switzerland', 'France', 'Czech Republic'], ''],
    ['ISO-2 codes, any case', ['DE', 'at', 'Ch', 'fr', 'CZ'], ''],
    ['ISO-3 codes', ['DEU', 'aut', 'CHE', 'FRA', 'CZE'], ''],
    ['German names', ['Deutschland', 'Österreich', 'Schweiz', 'Frankreich', 'Tschechien'], ''],
  ];
  for (const [what, written] of forms) {
    it(what, () => expect(written.map((text) => countryCode(text))).toEqual(['DE', 'AT', 'CH', 'FR', 'CZ']));
  }

  it('variants of the United States, the United Kingdom and Korea', () => {
    for (const text of ['USA', 'U.S.', 'U.S.A.', 'US', 'United States', 'United States of America', 'Vereinigte Staaten', 'Vereinigte Staaten von Amerika'])
      expect(countryCode(text), text).toBe('US');
    for (const text of ['UK', 'U.K.', 'Great Britain', 'United Kingdom', 'GB', 'GBR', 'Großbritannien', 'Grossbritannien', 'England', 'Scotland'])
      expect(countryCode(text), text).toBe('GB');
    for (const text of ['South Korea', 'Korea, Republic of', 'Republic of Korea', 'Südkorea', 'KOR']) expect(countryCode(text), text).toBe('KR');
    expect(countryCode('North Korea')).toBe('KP');
  });

  it('own names in Latin script, and a few the generator adds', () => {
    expect(['España', 'Polska', 'Italia', 'Sverige', 'Nederland', 'Holland', 'Suisse', 'Belgique', 'België', 'Macau'].map((text) => countryCode(text))).toEqual([
      'ES',
      'PL',
      'IT',
      'SE',
      'NL',
      'NL',
      'CH',
      'BE',
      'BE',
      'MO',
    ]);
  });

  it('ignores case, surrounding space, accents, dots, apostrophes, punctuation and a leading `the`', () => {
    for (const text of [' germany ', 'GERMANY', 'Germany\u00a0']) expect(countryCode(text), text).toBe('DE');
    for (const text of ['Österreich', 'Osterreich', 'Oesterreich', 'ÖSTERREICH']) expect(countryCode(text), text).toBe('AT');
    for (const text of ["Cote d'Ivoire", 'Côte d’Ivoire', 'Ivory Coast']) expect(countryCode(text), text).toBe('CI');
    expect(countryCode('The Netherlands')).toBe('NL');
    expect(countryCode('Guinea Bissau')).toBe('GW');
    expect(countryKey(' Korea,  Republic of ')).toBe('korea republic of');
  });

  it('knows nothing of text that is no country', () => {
    for (const text of ['Germny', 'EMEA', 'N/A', 'Europe', 'ZZ', '', 'Congo']) expect(countryCode(text), text).toBeUndefined();
  });
});

describe('countryValue: what a predicate compares', () => {
  it('is the upper-case code of a country, the normalised text of anything else, null when blank', () => {
    expect(countryValue(' Deutschland ')).toBe('DE');
    expect(countryValue(' Germny ')).toBe('germny');
    // Lower case: text that is no country can never equal a code.
    expect(countryValue('ZZ')).toBe('zz');
    expect(countryValue('   ')).toBeNull();
  });
});
