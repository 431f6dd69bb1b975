// The compiler's side of country fields: a string compared with one must name a country, and is
// compiled to that country's alpha-2 code; what to say when it names none, or several.
import { ambiguousCountryNames, countryCode, countryKey, knownCountryNames } from '../runtime/support.js';
import { suggest } from './suggest.js';

export type CountryReading = { code: string } | { code?: undefined; ambiguous: boolean; message: string; help?: string; suggestions: string[] };

/** Names several countries share, with the codes each could mean (`congo` → CD, CG). */
let ambiguous: Map<string, string[]> | undefined;
function ambiguousNames(): Map<string, string[]> {
  ambiguous ??= new Map(
    ambiguousCountryNames
      .split(';')
      .filter((record) => record !== '')
      .map((record) => {
        const [name, ...codes] = record.split('|');
        return [name!, codes];
      }),
  );
  return ambiguous;
}

/** A name in key form as a suggestion reads: `united states` → `United States` (the comparison ignores case). */
const titleCase = (key: string) =>
  key.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase()).replace(/ (Of|And|The)(?= )/g, (word) => word.toLowerCase());

/** A country's first name in the table (its English name), in key form. */
function nameOf(code: string): string {
  for (const [name, known] of knownCountryNames()) if (known === code && name.length > 3) return name;
  return code;
}

/** The alpha-2 code of a string written in a policy, or what is wrong with it. */
export function countryProblem(written: string): CountryReading {
  const code = countryCode(written);
  if (code !== undefined) return { code };
  const key = countryKey(written);
  const shared = ambiguousNames().get(key);
  if (shared) {
    return {
      ambiguous: true,
      message: `${JSON.stringify(written)} could be ${shared.map((code) => `${code} (${titleCase(nameOf(code))})`).join(' or ')}: several countries are called so`,
      help: `write the code, e.g. ${JSON.stringify(shared[0])}`,
      suggestions: shared,
    };
  }
  // Short text is taken for a code, and gets codes as suggestions; longer text gets names.
  const known = [...knownCountryNames()];
  const candidates =
    key.length <= 3 ? known.filter(([name]) => name.length === key.length).map(([name]) => name.toUpperCase()) : known.filter(([name]) => name.length > 3).map(([name]) => name);
  const suggestions = suggest(key, candidates).map((name) => (key.length <= 3 ? name : titleCase(name)));
  return {
    ambiguous: false,
    message: `${JSON.stringify(written)} is no country leadscore knows`,
    help:
      suggestions.length > 0
        ? `did you mean ${suggestions.map((name) => `${JSON.stringify(name)} (${countryCode(name)})`).join(' or ')}?`
        : 'write its English or German name, or its ISO 3166-1 code (`DE`, `DEU`)',
    suggestions,
  };
}
