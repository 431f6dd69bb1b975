import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { fixtures, readRepoFile, root, runCli } from '../test-support/harness.js';

const validate = new Ajv({ allErrors: true, discriminator: true, strict: false }).compile(JSON.parse(readRepoFile('spec/ir.schema.json')) as object);

describe('leadscore compile', () => {
  it('prints the rule graph as JSON that spec/ir.schema.json accepts', async () => {
    const { code, stdout, stderr } = await runCli(['compile', 'examples/b2b-saas.score']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const ir = JSON.parse(stdout) as { format: string; policy: unknown; sections: { name: string }[] };
    expect(validate(ir), JSON.stringify(validate.errors)).toBe(true);
    expect(ir.format).toBe('leadscore-ir');
    expect(ir.sections.map((section) => section.name)).toEqual(['fit', 'engagement']);
    // The same graph the compiler API gives.
    expect(ir).toEqual(JSON.parse(JSON.stringify(compile(readRepoFile('examples/b2b-saas.score')).ir)));
  });

  it('writes the rule graph to the file given with -o, and nothing to stdout', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leadscore-compile-'));
    const { code, stdout, stderr } = await runCli(['compile', join(root, 'examples/b2b-saas.score'), '-o', 'policy.json'], { cwd: folder });
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('');
    const written = JSON.parse(readFileSync(join(folder, 'policy.json'), 'utf8')) as unknown;
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
    const { stdout: printed } = await runCli(['compile', 'examples/b2b-saas.score']);
    expect(written).toEqual(JSON.parse(printed));
  });

  it('says clearly when the output file cannot be written', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leadscore-compile-'));
    const missing = join(folder, 'no-such-folder', 'policy.json');
    const intoMissing = await runCli(['compile', 'examples/b2b-saas.score', '-o', missing]);
    expect(intoMissing.code).toBe(1);
    expect(intoMissing.stdout).toBe('');
    expect(intoMissing.stderr).toBe(`leadscore: cannot write ${missing}: its directory does not exist\n`);

    const ontoFolder = await runCli(['compile', 'examples/b2b-saas.score', '--output', folder]);
    expect(ontoFolder.code).toBe(1);
    expect(ontoFolder.stderr).toBe(`leadscore: cannot write ${folder}: it is a directory\n`);
  });

  it('exits 1 on a policy with errors, with the diagnostics on stderr and nothing on stdout', async () => {
    const { code, stdout, stderr } = await runCli(['compile', `${fixtures}/errors.score`]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.match(/^error LS\d{4}/gm)).toHaveLength(5);
    expect(stderr).toContain(`${fixtures}/errors.score: 5 errors, 0 warnings`);
  });

  it('writes no file when the policy has errors', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leadscore-compile-'));
    const { code } = await runCli(['compile', join(root, fixtures, 'errors.score'), '-o', 'policy.json'], { cwd: folder });
    expect(code).toBe(1);
    expect(existsSync(join(folder, 'policy.json'))).toBe(false);
  });

  it('prints warnings to stderr and still the rule graph to stdout', async () => {
    const { code, stdout, stderr } = await runCli(['compile', `${fixtures}/warnings.score`]);
    expect(code).toBe(0);
    expect(stderr.match(/^warning LS\d{4}/gm)).toEqual(['warning LS4004', 'warning LS4005']);
    expect(stderr).toContain('0 errors, 2 warnings');
    expect(validate(JSON.parse(stdout)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('says so when the policy file does not exist', async () => {
    const { code, stdout, stderr } = await runCli(['compile', 'missing.score']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('leadscore: cannot read policy missing.score: no such file\n');
  });
});

describe('leadscore compile --target sql', () => {
  it('prints one query for the dialect, scoring at --now, reading the relations given', async () => {
    const { code, stdout, stderr } = await runCli([
      'compile',
      'examples/b2b-saas.score',
      '--target',
      'sql',
      '--dialect',
      'postgres',
      '--now',
      '2026-11-23T12:00:00Z',
      '--leads-relation',
      'crm.leads',
      '--events-relation',
      'crm."events"',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('FROM "crm"."leads" AS "l"');
    expect(stdout).toContain('FROM "crm"."""events""" AS "e"');
    expect(stdout).toContain("CAST('1795435200000' AS DOUBLE PRECISION)");
    expect(stdout).toMatch(/AS "score",\n {2}"ls_stage\d+"."ls_r\d+" AS "fit"/);
  });

  it('scores at the database’s time without --now, and writes a dbt model with --format dbt', async () => {
    const { code, stdout } = await runCli([
      'compile',
      'examples/b2b-saas.score',
      '--target',
      'sql',
      '--dialect',
      'duckdb',
      '--format',
      'dbt',
      '--leads-relation',
      "source('crm', 'leads')",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('epoch_ms(current_timestamp)');
    expect(stdout.startsWith("{{ config(materialized='table') }}\n")).toBe(true);
    expect(stdout).toContain("{{ source('crm', 'leads') }}");
    expect(stdout).toContain("{{ ref('events') }}");
  });

  it('refuses a policy the dialect cannot score exactly, with the code, the place and no query', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'leadscore-compile-'));
    const policy = join(folder, 'sigma.score');
    writeFileSync(policy, 'fit:\n  when title = "Σύμβουλος" add 5\n');
    const { code, stdout, stderr } = await runCli(['compile', policy, '--target', 'sql', '--dialect', 'duckdb']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/sigma\.score:2:8: error LS6003: a compared text holds a Greek sigma/);
  });

  it('says what is wrong with the options', async () => {
    expect((await runCli(['compile', 'examples/b2b-saas.score', '--target', 'sql'])).stderr).toContain(
      '--target sql needs --dialect: one of duckdb, postgres, bigquery, snowflake',
    );
    expect((await runCli(['compile', 'examples/b2b-saas.score', '--target', 'sql', '--dialect', 'mysql'])).stderr).toContain('--dialect must be one of');
    expect((await runCli(['compile', 'examples/b2b-saas.score', '--target', 'wasm'])).stderr).toContain('--target must be ir or sql');
    expect((await runCli(['compile', 'examples/b2b-saas.score', '--dialect', 'duckdb'])).stderr).toContain('--dialect applies to --target sql only');
    expect((await runCli(['compile', 'examples/b2b-saas.score', '--target', 'sql', '--dialect', 'duckdb', '--now', 'soon'])).stderr).toContain('--now must be an ISO-8601 time');
  });
});
