import { describe, expect, test } from 'vitest';
import policy from '../../examples/b2b-saas.score?raw';
import historyLeads from '../../examples/history/leads.jsonl?raw';
import historyOutcomes from '../../examples/history/outcomes.csv?raw';
import { csvOutcomes, jsonlOutcomes } from '../../evidence/index.js';
import type { ScoreResult } from '../../runtime/index.js';
import { historyNow as generatedNow } from '../../scripts/generate-history.js';
import { evaluate, parseLeads } from './engine.js';
import { aucChange, describeAuc, describeAucChange, describeCounts, evidenceOf, outcomesOf } from './evidence-view.js';
import { historyNow } from './history-sample.js';
import type { LeadRow } from './protocol.js';

const who = { name: '', company: '', title: '', email: '' };

function row(id: string, score: number): LeadRow {
  const result: ScoreResult = {
    id,
    score,
    dimensions: {},
    grade: 'B',
    stage: 'MQL',
    route: null,
    blacklisted: false,
    reasons: [],
    policy: { name: null, version: null, hash: '0000000000000000' },
  };
  return { line: 1, id, who, result };
}

const failed = (id: string): LeadRow => ({ line: 1, id, who, error: 'bad' });

const outcomes = csvOutcomes(['id,converted', 'a,true', 'b,false', 'c,true', 'd,false', 'x,false', 'e,maybe', 'f,false'].join('\n'));

describe('the evidence of the results', () => {
  test('pairs scored leads with outcomes and counts everything that could not be paired', () => {
    const evidence = evidenceOf([row('a', 40), row('c', 30), row('b', 20), row('d', 10), row('n', 5), row('a', 1), failed('f')], outcomes);
    // a and c outscore b and d: a perfect ranking.
    expect(evidence.auc.auc).toBe(1);
    expect(evidence.counts).toEqual({ withOutcome: 4, converted: 2, withoutOutcome: 1, notScored: 1, outcomesWithoutLead: 1, repeatedLeads: 1, unreadableOutcomes: 1 });
    expect(describeCounts(evidence.counts, outcomes.unit)).toEqual([
      '4 leads with an outcome, 2 converted',
      '1 lead without an outcome',
      '1 lead not scored',
      '1 lead with an id seen before',
      '1 outcome without a lead',
      '1 unreadable outcome row',
    ]);
    expect(evidence.roc[0]).toEqual({ x: 0, y: 0 });
    expect(evidence.roc.at(-1)).toEqual({ x: 1, y: 1 });
    expect(evidence.gains).toEqual([
      { x: 0, y: 0 },
      { x: 0.25, y: 0.5 },
      { x: 0.5, y: 1 },
      { x: 0.75, y: 1 },
      { x: 1, y: 1 },
    ]);
    expect([...evidence.scores]).toEqual([
      ['a', 40],
      ['c', 30],
      ['b', 20],
      ['d', 10],
    ]);
  });

  test('without converted (or unconverted) leads there is no AUC and no curve, and the text says why', () => {
    const evidence = evidenceOf([row('b', 3), row('d', 1)], outcomes);
    expect(evidence.roc).toEqual([]);
    expect(evidence.gains).toEqual([]);
    expect(describeAuc(evidence.auc)).toBe('AUC — (it needs converted and unconverted leads)');
  });

  test('the change in AUC is measured on the leads both versions scored, paired', () => {
    const baseline = evidenceOf([row('a', 10), row('b', 20), row('c', 30), row('d', 25)], outcomes);
    const current = evidenceOf([row('a', 40), row('b', 20), row('c', 30), row('d', 10), failed('x')], outcomes);
    const change = aucChange(baseline, current, outcomes);
    expect(change).toMatchObject({ leads: 4, before: 0.5, after: 1 });
    expect(change.difference.difference).toBe(0.5);
    expect(describeAucChange(change)).toMatch(/^AUC 0\.500 → 1\.000 \(\+0\.500, 95%: [+−]\d\.\d{3} to [+−]\d\.\d{3}, paired\)$/);
    // A lead the baseline did not score is left out of both.
    const fewer = aucChange(evidenceOf([row('a', 10), row('b', 20), row('c', 30)], outcomes), current, outcomes);
    expect(fewer.leads).toBe(3);
  });

  test('reads CSV or JSON Lines by the file name', () => {
    expect(outcomesOf('o.jsonl', '{"id":"a","converted":true}\n')).toEqual(jsonlOutcomes('{"id":"a","converted":true}\n'));
    expect(outcomesOf('o.CSV', 'id,converted\na,1\n').byId.get('a')?.converted).toBe(true);
  });

  test('the history sample scored at its cut by the reference policy gives the AUC of docs/backtest.md', () => {
    expect(historyNow).toBe(generatedNow);
    const response = evaluate(1, policy, historyNow, parseLeads(historyLeads));
    const evidence = evidenceOf(response.rows ?? [], outcomesOf('outcomes.csv', historyOutcomes));
    expect(describeAuc(evidence.auc)).toMatch(/^AUC 0\.729 \(95%: /);
    expect(evidence.counts).toMatchObject({ withOutcome: 1500, withoutOutcome: 0, notScored: 0, outcomesWithoutLead: 0, unreadableOutcomes: 0 });
  });
});
