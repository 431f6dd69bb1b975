// How country names are compared: the one key form shared by the runtime's table and the script that writes it.

/**
 * The form in which names are looked up, so spelling details do not matter: lower case, without
 * accents (`Österreich` → `osterreich`; `ß` → `ss`), dots and apostrophes dropped (`U.S.A.`,
 * `Cote d'Ivoire`), any other run of punctuation or spaces as one space (`Korea, Republic of`,
 * `Guinea-Bissau`), and without a leading `the` (`The Netherlands`). The generator writes the
 * table's names in this form, so both sides agree.
 */
export function countryKey(text: string): string {
  const key = text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/ß/g, 'ss')
    .replace(/[.'’]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
  return key.startsWith('the ') ? key.slice(4) : key;
}
