import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadPolicy } from '../../runtime/index.js';
import { compileFile, type CliIo } from '../../workspace/index.js';
import { EngineSession } from './engine.js';
import { EngineFiles } from './engine-files.js';
import { scorablePolicies } from './policy-files.js';
import sampleLeads from './sample-leads.jsonl?raw';

const folder = fileURLToPath(new URL('../e2e/fixtures/policy-folder/', import.meta.url));
/** The fixture folder as the page sends it: path → text. */
const fixture: Record<string, string> = Object.fromEntries(
  (readdirSync(folder, { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath: string; isFile(): boolean }>)
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(folder, path).split(sep).join('/'), readFileSync(path, 'utf8')];
    }),
);
const now = '2026-11-23T12:00:00Z';
const sample = { name: 'sample leads', format: 'jsonl' as const, text: sampleLeads };

describe('the policy scored in a folder', () => {
  test('is the first policy file that no other imports; tests and imported files are not policies', () => {
    const imports: Record<string, string[]> = { 'b.score': ['shared/x.score'], 'a/z.score': [] };
    const paths = ['shared/x.score', 'b.score', 'b.test.score', 'a/z.score', 'notes.txt'];
    expect(scorablePolicies(paths, (path) => imports[path] ?? [])).toEqual(['b.score', 'a/z.score']);
    // Files that import each other all stay candidates, so there is still a policy to pick.
    expect(scorablePolicies(['p.score', 'q.score'], (path) => [path === 'p.score' ? 'q.score' : 'p.score'])).toEqual(['p.score', 'q.score']);
  });

  test('the fixture folder: inbound.score, which reads its import and both list files', () => {
    const files = new EngineFiles();
    files.apply({ reset: true, set: fixture });
    expect(files.policies()).toEqual(['inbound.score']);
    expect(files.entry(undefined)).toBe('inbound.score');
    expect(files.entry('shared/fit.score')).toBe('shared/fit.score');
    expect(files.entry('inbound.test.score')).toBe('inbound.score');
    expect(files.read('inbound.score').sort()).toEqual(['inbound.score', 'lists/competitors.txt', 'lists/freemail.txt', 'shared/fit.score']);
  });
});

describe('the engine session with a folder', () => {
  test('scores the folder as `leadscore score` does, with lists read from files relative to the file naming them', async () => {
    const io = { cwd: folder } as CliIo;
    const { result } = await compileFile('inbound.score', io);
    const cli = loadPolicy(result.ir!);
    const response = new EngineSession().handle({ type: 'run', id: 1, files: { reset: true, set: fixture }, now, leads: sample });
    expect(response).toMatchObject({ ok: true, entry: 'inbound.score', policies: ['inbound.score'], diagnostics: [] });
    const expected = sampleLeads
      .trim()
      .split('\n')
      .map((line) => cli.score(JSON.parse(line) as unknown, { now }));
    const byId = new Map(response.rows?.map((row) => [row.id, row.result]));
    for (const result of expected)
      expect(byId.get(String(result.id)), String(result.id)).toMatchObject({ score: result.score, stage: result.stage, dimensions: result.dimensions });
    // A competitor from lists/competitors.txt, and freemail from lists/freemail.txt (named as ../lists/freemail.txt in shared/fit.score).
    expect(byId.get('L57')?.stage).toBe('Blacklisted');
    expect(expected.some((result) => result.reasons.some((reason) => reason.file === 'shared/fit.score' && reason.rule.includes('freemail')))).toBe(true);
  });

  test('an edit to an imported file is scored; its problems name it; a missing list file is an error at its `from`', () => {
    const session = new EngineSession();
    session.handle({ type: 'run', id: 1, files: { reset: true, set: fixture }, now, leads: sample });
    const broken = session.handle({ type: 'run', id: 2, files: { set: { 'shared/fit.score': fixture['shared/fit.score']!.replace('when title', 'when titel') } }, now });
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics).toMatchObject([{ code: 'LS2001', range: { file: 'shared/fit.score', start: { line: 6 } } }]);
    const missing = session.handle({ type: 'run', id: 3, files: { set: { 'shared/fit.score': fixture['shared/fit.score']! }, remove: ['lists/competitors.txt'] }, now });
    expect(missing.diagnostics).toMatchObject([{ code: 'LS2031', range: { file: 'inbound.score', start: { line: 4 } } }]);
    expect(missing.read).not.toContain('lists/competitors.txt');
  });

  test('the file in the editor gets its problems even when the scored policy does not read it', () => {
    const session = new EngineSession();
    const files = {
      ...fixture,
      'other.score': 'when titel contains "CEO" add 5\n',
      'shared/more.score': 'when employes > 5 add 1\n',
      'other2.score': 'import "shared/more.score"\n',
    };
    const other = session.handle({ type: 'run', id: 1, files: { reset: true, set: files }, entry: 'inbound.score', shown: 'other.score', now, leads: sample });
    expect(other.ok).toBe(true);
    expect(other.policies).toEqual(['inbound.score', 'other.score', 'other2.score']);
    expect(other.shownDiagnostics).toMatchObject([{ code: 'LS2001', range: { file: 'other.score', start: { line: 1 } } }]);
    // An imported file is checked in the policy that imports it.
    const imported = session.handle({ type: 'run', id: 2, entry: 'inbound.score', shown: 'shared/more.score', now });
    expect(imported.shownDiagnostics).toMatchObject([{ code: 'LS2001', range: { file: 'shared/more.score' } }]);
    expect(session.handle({ type: 'run', id: 3, entry: 'inbound.score', shown: 'shared/fit.score', now }).shownDiagnostics).toBeUndefined();
  });

  test('no policy among the files is said, not scored', () => {
    const response = new EngineSession().handle({ type: 'run', id: 1, files: { reset: true, set: { 'lists/a.txt': 'x' } }, now, leads: sample });
    expect(response).toMatchObject({ ok: false, policies: [], problem: 'no policy (a .score file that is not a .test.score) among the 1 open file' });
    expect(response.entry).toBeUndefined();
  });
});
