import { describe, expect, it } from 'vitest';
import { fixtures, runCli } from '../test-support/harness.js';

const reference = 'examples/b2b-saas.score';
const warnings = `${fixtures}/warnings.score`;
const errors = `${fixtures}/errors.score`;

describe('leadscore check --ranges', () => {
  it('prints each section and the score with their min and max, worked out for the reference policy', async () => {
    const run = await runCli(['check', reference, '--ranges']);
    expect(run).toEqual({
      code: 0,
      stdout: [`${reference}: 0 errors, 0 warnings`, 'total       min  max', 'fit         -15   50', 'engagement  -10  125', 'score       -55  175', ''].join('\n'),
      stderr: '',
    });
  });

  it('writes ∞ for a section without a cap', async () => {
    const run = await runCli(['check', `${fixtures}/analysis-unbounded.score`, '--ranges']);
    expect(run.stdout).toContain('engagement    0    ∞\n');
    expect(run.stdout).toContain('score       -30    ∞\n');
  });

  it('adds the ranges to --format json, with "∞" where unbounded', async () => {
    const run = await runCli(['check', reference, '--ranges', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      errors: 0,
      warnings: 0,
      ranges: { sections: { fit: { min: -15, max: 50 }, engagement: { min: -10, max: 125 } }, score: { min: -55, max: 175 } },
    });
    const unbounded = JSON.parse((await runCli(['check', `${fixtures}/analysis-unbounded.score`, '--ranges', '--format', 'json'])).stdout) as unknown;
    expect(unbounded).toMatchObject({ ranges: { sections: { engagement: { min: 0, max: '∞' } }, score: { min: -30, max: '∞' } } });
  });

  it('has no ranges for a policy with errors, and says so', async () => {
    const run = await runCli(['check', errors, '--ranges']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${errors}: no ranges: the policy has errors\n`);
    const json = JSON.parse((await runCli(['check', errors, '--ranges', '--format', 'json'])).stdout) as Record<string, unknown>;
    expect(json).not.toHaveProperty('ranges');
  });

  it('leaves the output unchanged without the flag', async () => {
    expect((await runCli(['check', reference])).stdout).toBe(`${reference}: 0 errors, 0 warnings\n`);
  });
});

describe('leadscore check --strict', () => {
  it('reports warnings as errors and exits 1', async () => {
    const plain = await runCli(['check', warnings]);
    expect(plain.code).toBe(0);
    const strict = await runCli(['check', warnings, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('error LS4004:');
    expect(strict.stdout).toContain('error LS4005:');
    expect(strict.stdout).not.toMatch(/^warning/m);
    expect(strict.stdout).toContain(`${warnings}: 2 errors, 0 warnings\n`);
  });

  it('counts analysis warnings (LS5xxx) too, also in JSON', async () => {
    const run = await runCli(['check', `${fixtures}/analysis-unbounded.score`, '--strict', '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { errors: number; warnings: number; diagnostics: Array<{ code: string; severity: string }> };
    expect(report.errors).toBe(1);
    expect(report.warnings).toBe(0);
    expect(report.diagnostics.map((d) => [d.code, d.severity])).toEqual([['LS5005', 'error']]);
  });

  it('exits 0 on a clean policy', async () => {
    expect((await runCli(['check', reference, '--strict'])).code).toBe(0);
  });
});

describe('leadscore check with several policies', () => {
  it('checks each in turn and exits 0 when all are clean', async () => {
    const run = await runCli(['check', reference, 'examples/product-led.score']);
    expect(run).toEqual({ code: 0, stdout: `${reference}: 0 errors, 0 warnings\nexamples/product-led.score: 0 errors, 0 warnings\n`, stderr: '' });
  });

  it('exits 1 when any has errors, and still reports the others', async () => {
    const run = await runCli(['check', errors, reference]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${reference}: 0 errors, 0 warnings\n`);
    expect(run.stdout).toMatch(/^error LS/);
  });

  it('gives an array of reports in JSON', async () => {
    const run = await runCli(['check', reference, warnings, '--format', 'json']);
    expect(run.code).toBe(0);
    const reports = JSON.parse(run.stdout) as Array<{ file: string; warnings: number }>;
    expect(reports.map((r) => [r.file, r.warnings])).toEqual([
      [reference, 0],
      [warnings, 2],
    ]);
  });

  it('stops with a clear message on a file that cannot be read', async () => {
    const run = await runCli(['check', reference, 'no-such.score']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('leadscore: cannot read policy no-such.score: no such file\n');
  });
});
