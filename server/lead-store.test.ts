import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { applyEvents, loadPolicy, startLead, updateProfile } from '../runtime/index.js';
import { readRepoFile } from '../test-support/harness.js';
import { CliError } from '../workspace/index.js';
import { HttpError } from './http.js';
import { LeadStore } from './lead-store.js';

const policy = loadPolicy(compile(readRepoFile('examples/b2b-saas.score')).ir!);
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 12));

function stateFileIn(): string {
  return join(mkdtempSync(join(tmpdir(), 'leadscore-store-')), 'leads.json');
}

/** A lead created with a profile, then given a demo request and a whitepaper download a day apart. */
async function changeLeads(store: LeadStore, ids: string[], day = 10): Promise<void> {
  for (const id of ids) {
    await store.step(id, policy, () => startLead(policy, { id, title: 'CTO', employees: 200 }, { now: at(day) }));
    await store.step(id, policy, (state) => applyEvents(policy, state, { type: 'request', object: 'demo', at: at(day).toISOString() }, { now: at(day) }));
    await store.step(id, policy, (state) => applyEvents(policy, state, [{ type: 'download', object: 'whitepaper', at: at(day + 1).toISOString() }], { now: at(day + 1) }));
    await store.step(id, policy, (state) => updateProfile(policy, state, { employees: 20 }, { now: at(day + 1) }));
  }
}

function statesOf(store: LeadStore, ids: string[]) {
  return ids.map((id) => store.get(id));
}

const segmentsOf = (stateFile: string) => readdirSync(join(stateFile, '..')).filter((name) => name.includes('.journal.'));

describe('LeadStore with a state file', () => {
  it('gives back every acknowledged change after a crash (no snapshot ever written)', async () => {
    const stateFile = stateFileIn();
    const store = await LeadStore.open({ stateFile });
    await changeLeads(store, ['A', 'B']);
    // No close: the process stops here, as with kill -9.
    expect(existsSync(stateFile)).toBe(false);
    const reopened = await LeadStore.open({ stateFile });
    expect(statesOf(reopened, ['A', 'B'])).toEqual(JSON.parse(JSON.stringify(statesOf(store, ['A', 'B']))));
    expect(reopened.get('A')!.events).toHaveLength(2);
    // The journal was folded into the snapshot at start, and a fresh segment is open.
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ seq: 8, leads: { A: { profile: { employees: 20 } } } });
    expect(segmentsOf(stateFile)).toEqual(['leads.json.journal.1']);
  });

  it('replays only what came after the snapshot, even when the folded journal is still there', async () => {
    const stateFile = stateFileIn();
    const store = await LeadStore.open({ stateFile });
    await changeLeads(store, ['A']);
    const folded = join(stateFile, '..', 'leads.json.journal.1');
    copyFileSync(folded, `${folded}.copy`);
    await store.save();
    expect(existsSync(folded)).toBe(false);
    await changeLeads(store, ['B'], 12);
    // A crash between writing the snapshot and deleting the segments it holds.
    copyFileSync(`${folded}.copy`, folded);
    const reopened = await LeadStore.open({ stateFile });
    expect(statesOf(reopened, ['A', 'B'])).toEqual(JSON.parse(JSON.stringify(statesOf(store, ['A', 'B']))));
    expect(reopened.get('A')!.events).toHaveLength(2);
  });

  it('writes a snapshot on close and starts the next run from it', async () => {
    const stateFile = stateFileIn();
    const store = await LeadStore.open({ stateFile });
    await changeLeads(store, ['A']);
    await store.close();
    expect(segmentsOf(stateFile)).toEqual([]);
    const reopened = await LeadStore.open({ stateFile });
    expect(reopened.get('A')).toEqual(JSON.parse(JSON.stringify(store.get('A'))));
  });

  it('leaves out a last line cut short by a crash, which was never acknowledged', async () => {
    const stateFile = stateFileIn();
    const store = await LeadStore.open({ stateFile });
    await changeLeads(store, ['A']);
    appendFileSync(join(stateFile, '..', 'leads.json.journal.1'), '{"seq":9,"id":"A","delta":{"add');
    const reopened = await LeadStore.open({ stateFile });
    expect(reopened.get('A')).toEqual(JSON.parse(JSON.stringify(store.get('A'))));
  });

  it('refuses a damaged journal with its file and line, and leaves it alone', async () => {
    const stateFile = stateFileIn();
    const segment = join(stateFile, '..', 'leads.json.journal.1');
    writeFileSync(segment, '{"seq":1,"id":"A","state":{"format":"leadscore-lead-state"}}\n');
    await expect(LeadStore.open({ stateFile })).rejects.toThrow(
      new CliError(
        `the journal ${segment} is damaged at entry 1: not a lead state: "policy" must be text (the hash of the policy that last scored the lead); move it away to start without the changes it holds`,
      ),
    );
    writeFileSync(segment, 'not json\n{"seq":2}\n');
    await expect(LeadStore.open({ stateFile })).rejects.toThrow(/^the journal .*journal\.1 is damaged at line 1: Unexpected token/);
    writeFileSync(segment, '{"seq":1,"id":"A","delta":{"policy":"x","decisions":{}}}\n');
    await expect(LeadStore.open({ stateFile })).rejects.toThrow(/damaged at entry 1: it changes lead "A", which no earlier entry or the snapshot holds/);
    expect(readFileSync(segment, 'utf8')).toContain('"delta"');
    expect(existsSync(stateFile)).toBe(false);
  });

  it('refuses a change it cannot write (503), changes nothing, and takes no more changes', async () => {
    const stateFile = stateFileIn();
    const store = await LeadStore.open({ stateFile });
    await changeLeads(store, ['A']);
    const before = store.get('A');
    // The next segment is a device whose every write fails with ENOSPC.
    symlinkSync('/dev/full', join(stateFile, '..', 'leads.json.journal.2'));
    await store.save();
    const change = () => store.step('A', policy, (state) => updateProfile(policy, state, { employees: 5000 }, { now: at(20) }));
    await expect(change()).rejects.toThrow(HttpError);
    await expect(change()).rejects.toMatchObject({
      status: 503,
      message: expect.stringMatching(/^cannot write the journal of .*leads\.json \(ENOSPC.*\); changes are refused until the service restarts$/),
    });
    expect(store.get('A')).toBe(before);
  });

  it("refuses a step that would keep more events than the bound (422), and keeps the lead's state", async () => {
    const store = await LeadStore.open({ maxLeadEvents: 3 });
    await changeLeads(store, ['A']);
    const before = store.get('A');
    const more = [1, 2].map((hour) => ({ type: 'request', object: 'demo', at: new Date(at(11).getTime() + hour * 3_600_000).toISOString() }));
    await expect(store.step('A', policy, (state) => applyEvents(policy, state, more, { now: at(12) }))).rejects.toMatchObject({
      status: 422,
      message: 'lead "A" would keep 4 events that can still count, more than the limit of 3 (--max-lead-events); nothing was changed',
    });
    expect(store.get('A')).toBe(before);
  });
});
