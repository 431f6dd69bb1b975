/**
 * The history sample: examples/history's 1,500 past leads with their outcomes, for trying the
 * evidence panel without customer data. Fetched only when chosen (a chunk of its own, not in
 * the page's bundle), and scored as of the moment the history was cut.
 */
import type { LeadFile } from './leads.js';

/** The cut of the history (scripts/generate-history.ts): its leads are scored as of then. */
export const historyNow = '2026-06-30T00:00:00Z';

export interface HistorySample {
  leads: LeadFile;
  outcomes: { name: string; text: string };
}

export async function loadHistorySample(): Promise<HistorySample> {
  const [leads, outcomes] = await Promise.all([import('../../examples/history/leads.jsonl?raw'), import('../../examples/history/outcomes.csv?raw')]);
  return { leads: { name: 'history sample', format: 'jsonl', text: leads.default }, outcomes: { name: 'outcomes.csv', text: outcomes.default } };
}
