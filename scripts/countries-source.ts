/**
 * The source of runtime/countries.generated.ts: every ISO 3166-1 country under its codes and the
 * names CRMs hold, in the runtime's key form, so the runtime ships a compact table and no package.
 * `npm run spec:countries` writes it; a test keeps it in step with the libraries.
 *
 * The data comes from maintained libraries, not a hand-made table:
 * - i18n-iso-countries (MIT; the most used ISO 3166-1 package): the alpha-2 and alpha-3 codes, and
 *   the English and German names with the variants people write (`USA`, `U.S.`, `UK`,
 *   `Great Britain`, `Czechia`, `Korea, Republic of`, `Vereinigte Staaten`, `Großbritannien`);
 * - countries-list (MIT): each country's own name for itself (`España`, `Polska`, `Schweiz`,
 *   `Sverige`), which i18n-iso-countries does not say; only names in Latin script, as the CRMs
 *   this reads hold them: `日本` or `Россия` would cost a fifth of the runtime's size budget
 *   (about 900 bytes gzipped) for values such CRMs rarely hold (they still compare as their text).
 * Only a few variants neither has are added here (`extraNames`), each with its reason.
 */
import { createRequire } from 'node:module';
import { countryKey } from '../runtime/support.js';

const require = createRequire(import.meta.url);

type Names = Record<string, string | string[]>;
const codes = require('i18n-iso-countries/codes.json') as Array<[string, string, string]>;
const english = (require('i18n-iso-countries/langs/en.json') as { countries: Names }).countries;
const german = (require('i18n-iso-countries/langs/de.json') as { countries: Names }).countries;
const own = require('countries-list/minimal/countries.native.min.json') as Record<string, string>;

/**
 * Names real CRM data holds that the libraries lack, by alpha-2 code. Kept short on purpose:
 * - the parts of the United Kingdom, which CRMs often give as the country;
 * - `Holland` for the Netherlands, in English and German use alike;
 * - the French and Italian names of Switzerland and the French name of Belgium (countries-list gives
 *   a multilingual country one name; every official language's name would cost 500 bytes gzipped);
 * - `Macau` (the library spells it `Macao`), `Republic of Ireland`;
 * - former names still found in old records (`Swaziland`, `Burma`, `Macedonia`, `East Timor`, `Cape Verde`);
 * - `Weißrussland` (German for Belarus), `Tschechei` (the German short name of Czechia before `Tschechien`).
 */
export const extraNames: Readonly<Record<string, readonly string[]>> = {
  GB: ['England', 'Scotland', 'Wales', 'Northern Ireland', 'Britain'],
  NL: ['Holland'],
  CH: ['Suisse', 'Svizzera'],
  BE: ['Belgique'],
  MO: ['Macau'],
  IE: ['Republic of Ireland'],
  SZ: ['Swaziland'],
  MM: ['Burma'],
  MK: ['Macedonia'],
  TL: ['East Timor'],
  CV: ['Cape Verde'],
  BY: ['Weißrussland'],
  CZ: ['Tschechei'],
};

/** Every letter in Latin script (accents are gone in key form; `ø`, `æ`, `ł` stay and are Latin). */
const isLatin = (key: string) => /^[\p{Script=Latin}\p{N} ]*$/u.test(key);

const asList = (names: string | string[] | undefined) => (names === undefined ? [] : Array.isArray(names) ? names : [names]);

/** German names are also written without umlauts: `Oesterreich`, `Tuerkei`. */
const transliterated = (name: string) => name.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue');

export interface CountryData {
  /** Per country: its alpha-2 and alpha-3 codes, and its names in key form, each once. */
  records: Array<{ code: string; alpha3: string; names: string[] }>;
  /** Keys that name more than one country (`congo`), each with the codes it could mean: left out of the table. */
  ambiguous: Map<string, string[]>;
}

export function countryData(): CountryData {
  const claims = new Map<string, Set<string>>();
  const namesOf = new Map<string, string[]>();
  for (const [alpha2] of codes) {
    const names = [...asList(english[alpha2]), ...asList(german[alpha2]), ...(own[alpha2] ? [own[alpha2]] : []), ...(extraNames[alpha2] ?? [])];
    const keys = [...new Set([...names, ...names.map(transliterated)].map(countryKey).filter((key) => key !== '' && isLatin(key)))];
    namesOf.set(alpha2, keys);
    for (const key of keys) (claims.get(key) ?? claims.set(key, new Set()).get(key)!).add(alpha2);
  }
  const codeOf = new Map<string, string>();
  for (const [alpha2, alpha3] of codes) {
    codeOf.set(countryKey(alpha2), alpha2);
    codeOf.set(countryKey(alpha3), alpha2);
  }
  const ambiguous = new Map<string, string[]>();
  const records = codes.map(([alpha2, alpha3]) => {
    // A code means its country, whatever name in some language looks like it; a name two countries claim means neither.
    const names = namesOf.get(alpha2)!.filter((key) => {
      if (codeOf.has(key)) return false;
      const claimants = claims.get(key)!;
      if (claimants.size > 1) ambiguous.set(key, [...claimants].sort());
      return claimants.size === 1;
    });
    return { code: alpha2, alpha3, names: [...new Set(names)] };
  });
  return { records, ambiguous };
}

const header = `// Generated by scripts/write-countries.ts from i18n-iso-countries and countries-list (npm run spec:countries). Do not edit.
`;

export function countriesSource(): string {
  const { records, ambiguous } = countryData();
  // An alpha-3 code that starts with the alpha-2 code (DEU for DE, 157 of 250) is written as its last letter: 150 bytes less gzipped.
  const table = records.map(({ code, alpha3, names }) => [code, alpha3.startsWith(code) ? alpha3.slice(2) : alpha3, ...names].map(countryKey).join('|')).join(';');
  const ambiguousText = [...ambiguous].map(([key, claimants]) => `${key}|${claimants.join('|')}`).join(';');
  return (
    header +
    `
/**
 * Per country: its alpha-2 code, its alpha-3 code (only the last letter when it starts with the
 * alpha-2 code: \`de|u\` is DE and DEU), then its names, all in key form (see country-key.ts);
 * \`|\` between them, \`;\` between countries.
 */
export const countryTable = ${JSON.stringify(table)};

/** Names that several countries share (\`congo\`), left out of the table: each with the alpha-2 codes it could mean. */
export const ambiguousCountryNames = ${JSON.stringify(ambiguousText)};
`
  );
}
