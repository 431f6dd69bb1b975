// Text from leads and policies (ids, labels, names) as a terminal may show it: a lead id holding
// `\u001b[2J` must not clear the screen of whoever runs `leadscore score --format table`.

/** Every control character (C0, DEL, C1); control characters are exactly what this pattern is for. */
// eslint-disable-next-line no-control-regex
export const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const controlCharactersButLineFeed = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

const escaped = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every control character (C0, DEL, C1) written as its escape, `\u001b`; with `keepLineBreaks`, line feeds are kept. */
export function printable(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  return text.replace(options.keepLineBreaks ? controlCharactersButLineFeed : controlCharacters, escaped);
}

/**
 * JSON text with DEL and the C1 controls (U+007F–U+009F), which JSON.stringify leaves raw, written as
 * escapes: the same JSON value, and safe to show on a terminal (JSON.stringify escapes C0 itself).
 */
export function printableJson(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, escaped);
}
