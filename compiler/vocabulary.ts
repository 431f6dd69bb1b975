/** What every policy knows without declaring it: the built-in profile fields and event vocabulary. */

export type FieldType = 'text' | 'number' | 'boolean' | 'country' | 'date';

export const fieldTypes: readonly FieldType[] = ['text', 'number', 'boolean', 'country', 'date'];

export const builtinFields: ReadonlyMap<string, FieldType> = new Map<string, FieldType>([
  ['id', 'text'],
  ['email', 'text'],
  // Derived: the lower-cased part of `email` after the last `@`, unless the lead gives `domain` itself.
  ['domain', 'text'],
  ['first_name', 'text'],
  ['last_name', 'text'],
  ['title', 'text'],
  ['company', 'text'],
  ['industry', 'text'],
  ['employees', 'number'],
  ['revenue', 'number'],
  // Compared as an ISO 3166-1 alpha-2 code however the lead writes it: `Germany`, `Deutschland`, `DE`, `DEU`.
  ['country', 'country'],
  ['phone', 'text'],
  ['website', 'text'],
  ['source', 'text'],
]);

/** Built-in event verbs and the objects each takes; an empty list means the verb stands alone. */
export const builtinEvents: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['open', ['email']],
  ['click', ['email']],
  ['reply', ['email']],
  ['bounce', ['email']],
  ['visit', ['page']],
  ['download', ['whitepaper', 'ebook', 'datasheet', 'report']],
  ['submit', ['form']],
  ['request', ['demo', 'trial', 'quote']],
  ['attend', ['webinar', 'event']],
  ['register', ['webinar', 'event']],
  ['watch', ['video']],
  ['unsubscribe', []],
]);

/** Names with a fixed meaning in conditions. */
export const scoreName = 'score';
/** The decisions (grade, stage, route) and the stage of a blacklisted lead are the runtime's. */
export { blacklistedStage, decisionNames } from '../runtime/rule-graph.js';
/** In `no activity for N days`, `activity` stands for any event. */
export const anyActivity = 'activity';
