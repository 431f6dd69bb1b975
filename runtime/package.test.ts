// The runtime as embedders get it: packed with npm, installed into an empty project, no network.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';

const root = join(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let tarball: string;
let project: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'leadscore-runtime-package-'));
  // `npm pack` runs the package's prepack script, which builds runtime/dist.
  const packed = JSON.parse(
    execFileSync(npm, ['pack', '--workspace', '@leadscore/runtime', '--pack-destination', work, '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  ) as Array<{ filename: string }>;
  tarball = join(work, packed[0]!.filename);
  project = join(work, 'service');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'service', private: true, type: 'module' }));
  execFileSync(npm, ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, stdio: 'pipe' });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('@leadscore/runtime, packed and installed into an empty project', () => {
  it('installs with no dependencies: the only package in node_modules is itself', () => {
    const installed = readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(installed).toEqual(['@leadscore']);
    expect(readdirSync(join(project, 'node_modules', '@leadscore'))).toEqual(['runtime']);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules', '@leadscore', 'runtime', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest['dependencies']).toBeUndefined();
  });

  it('ships compiled code and types only, well under 100 kB packed', () => {
    const files = readdirSync(join(project, 'node_modules', '@leadscore', 'runtime', 'dist'));
    expect(files).toContain('index.js');
    expect(files).toContain('index.d.ts');
    expect(files.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))).toEqual([]);
    expect(files.some((name) => name.includes('.test.'))).toBe(false);
    expect(statSync(tarball).size).toBeLessThan(100_000);
  });

  it('scores the reference policy exactly as the repository does, through its public entry points', () => {
    const { ir } = compile(readFileSync(join(root, 'examples', 'b2b-saas.score'), 'utf8'));
    writeFileSync(join(project, 'policy.json'), JSON.stringify(ir));
    writeFileSync(join(project, 'leads.jsonl'), readFileSync(join(root, 'examples', 'leads.jsonl'), 'utf8'));
    writeFileSync(
      join(project, 'score.mjs'),
      `import { readFileSync } from 'node:fs';
import { loadPolicy } from '@leadscore/runtime';
import { checkIr, irSchema } from '@leadscore/runtime/rule-graph';
import { parseIsoTime } from '@leadscore/runtime/support';
const ir = checkIr(JSON.parse(readFileSync('policy.json', 'utf8')));
if (irSchema.$id === undefined) throw new Error('no schema');
const policy = loadPolicy(ir);
const now = parseIsoTime('2026-11-23T12:00:00Z');
for (const line of readFileSync('leads.jsonl', 'utf8').split('\\n').filter(Boolean)) {
  const { reasons, policy: info, ...result } = policy.score(JSON.parse(line), { now });
  console.log(JSON.stringify(result));
}
`,
    );
    const output = execFileSync(process.execPath, ['score.mjs'], { cwd: project, encoding: 'utf8' });
    const expected = readFileSync(join(root, 'examples', 'expected.jsonl'), 'utf8');
    const parse = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown);
    expect(parse(output)).toEqual(parse(expected));
  });
});
