// Countries however a CRM writes them: `Germany`, `Deutschland`, `DE`, `DEU` and `germany ` are one
// country, DE. The names and codes are generated from maintained libraries into
// countries.generated.ts (scripts/write-countries.ts); this module reads that table once.
import { countryKey } from './country-key.js';
import { countryTable } from './countries.generated.js';
import { normalizeText } from './text.js';

let codes: Map<string, string> | undefined;

/** Name or code (in key form) → ISO 3166-1 alpha-2 code, built on first use from the generated table. */
function table(): Map<string, string> {
  if (!codes) {
    codes = new Map();
    // `de|u|germany|deutschland;at|aut|austria|…`: the alpha-2 code, the alpha-3 code (its last letter when it starts with the alpha-2), the names.
    for (const record of countryTable.split(';')) {
      const names = record.split('|');
      const alpha2 = names[0]!;
      if (names[1]!.length === 1) names[1] = alpha2 + names[1];
      for (const name of names) codes.set(name, alpha2.toUpperCase());
    }
  }
  return codes;
}

/** Every name and code the runtime knows, in key form, with its alpha-2 code: for the compiler's suggestions. */
export function knownCountryNames(): ReadonlyMap<string, string> {
  return table();
}

/** The ISO 3166-1 alpha-2 code (upper case) of a country name or code, or undefined when it is no country the table knows. */
export function countryCode(text: string): string | undefined {
  const lookup = table();
  // Most values (`de`, `germany`, `usa`) are already in key form once lower-cased.
  const lower = normalizeText(text);
  return lookup.get(lower) ?? lookup.get(countryKey(lower));
}

/**
 * A lead's value of a country field as the predicates compare it: the country's alpha-2 code
 * (upper case), or, for text that is no known country, the text normalised as any text is
 * (lower case, so it never equals a code); null when blank.
 */
export function countryValue(text: string): string | null {
  const normalized = normalizeText(text);
  if (normalized === '') return null;
  return countryCode(normalized) ?? normalized;
}
