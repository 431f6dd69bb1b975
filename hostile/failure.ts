/** A property of the hostile suite that does not hold: what went wrong, for people; fast-check reports it with the input and the seed. */
export class HostileFailure extends Error {
  override name = 'HostileFailure';
}

/** Fails with `message` unless `holds`. */
export function expectThat(holds: boolean, message: () => string): asserts holds {
  if (!holds) throw new HostileFailure(message());
}

/** A thrown value as a report shows it: its stack when it has one (that is the bug), else its text. */
export const thrown = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/** A long text shortened for a message. */
export const excerpt = (text: string, most = 300): string => (text.length > most ? `${JSON.stringify(text.slice(0, most))}… (${text.length} characters)` : JSON.stringify(text));
