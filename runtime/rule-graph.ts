/**
 * @leadscore/runtime/rule-graph: the rule graph (IR) the compiler writes and the runtime runs —
 * its types, its JSON Schema, and the check that a value is one (`checkIr`).
 */
export * from './ir.js';
export { checkIr, IrError } from './load-ir.js';
export { irSchema } from './ir-schema.js';
export { dateFormats, dateFormatOf, type DateFormat } from './dates.js';
export { numberFormats, numberFormatOf, type NumberFormat } from './values.js';
