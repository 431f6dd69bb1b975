import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
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
