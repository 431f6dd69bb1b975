/**
 * @leadscore/runtime/support: the runtime's own rules that the compiler and the tools must apply
 * the same way — reading ISO-8601 times, rounding points, normalising text and countries, the schema of a lead
 * for a policy's fields, and a lead kept in an incremental state.
 */
export { parseIsoTime, toMillis, millisPerDay, inTimeRange, outOfTimeRange, outsideTimeRange, timeRange, earliestTime, endOfTime } from './time.js';
export { round2 } from './round.js';
export { normalizeText } from './text.js';
export { countryCode, countryValue, knownCountryNames } from './countries.js';
export { countryKey } from './country-key.js';
export { ambiguousCountryNames } from './countries.generated.js';
export { numberTextProblem, parseBooleanText, parseNumberText } from './values.js';
export { dateTextProblem, dateValueMillis, looksLikeExportDate, parseDateText } from './dates.js';
export { isPresent, sourceKey } from './mapping.js';
export { LeadError, leadSchema } from './lead-schema.js';
export { leadOf } from './incremental.js';
export { controlCharacters, printable } from './printable.js';
export { leadMapping, type LeadMapping } from './mapping.js';
export { leadValidator } from './lead-schema.js';
