/** leads/ for Node: leads streamed from files and standard input (see index.ts for the rest). */
export * from './index.js';
export { csvLeads, csvRecords, isCsvPath, jsonlStreamLeads, openLeads, readEvents, type CsvLeads } from './files.js';
export { jsonlBlocks } from './jsonl-blocks.js';
