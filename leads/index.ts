/**
 * leads/: reading leads as they come from files and CRM exports, in one place for every tool:
 * JSON Lines, a profile CSV typed by the policy's fields, an events CSV joined to it by lead id,
 * and the typing of values (`1,234`, `10M`, `yes`). Browser-safe: the playground uses it as is;
 * streaming from files (Node) is in `leads/node.ts`.
 */
export { idOf, type BadValues, type LeadInput } from './input.js';
export { withoutBadValues } from './bad-values.js';
export { blockLeads, blockMemory, jsonLine, jsonlLeads, type LineBlock } from './jsonl.js';
export { fieldTypes, leadShape, type LeadShape } from './field-types.js';
export type { DateFormat, NumberFormat } from '../runtime/rule-graph.js';
export { fieldsRead, FieldTally, leadWarnings, type FieldCount, type FieldReport, type TallyPart } from './field-report.js';
export { csvParseOptions, csvSyntaxProblem } from './csv-syntax.js';
export { csvTextRecords } from './csv-text.js';
export { emptyProfileProblem, NoIdColumnError, ProfileReader, type ProfileOptions } from './profile-csv.js';
export { columnsOf, CsvFileError, EventJoin, EventsReader, type CsvEvent, type CsvItem, type EventsTable, type LeadEvents } from './events-csv.js';
export { joinedProblems, parseCsvBoolean, parseCsvNumber, quoted, typedCells, type CsvField, type TextFormats } from './values.js';
