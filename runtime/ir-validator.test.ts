import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { irValidatorSource } from '../scripts/ir-validator-source.js';
import { irSchema } from './ir-schema.js';
import { validateIrSchema } from './ir-validator.generated.js';

describe('runtime/ir-validator.generated.ts', () => {
  it('is the validation code of the current IR schema (regenerate with `npm run spec:schema`)', () => {
    const committed = readFileSync(join(import.meta.dirname, 'ir-validator.generated.ts'), 'utf8');
    expect(irValidatorSource() === committed, 'runtime/ir-validator.generated.ts is out of date: run `npm run spec:schema`').toBe(true);
  });

  it('imports nothing: no ajv helper ships with the runtime', () => {
    const committed = readFileSync(join(import.meta.dirname, 'ir-validator.generated.ts'), 'utf8');
    expect(committed).not.toMatch(/\bimport\b[^\n]*\bfrom\b|\brequire\(/);
  });

  it('gives the same verdict and errors as ajv compiling the schema at run time', () => {
    const ajvValidate = new Ajv({ allErrors: true, discriminator: true, strict: false }).compile(irSchema);
    const policy = readFileSync(join(import.meta.dirname, '..', 'examples', 'b2b-saas.score'), 'utf8');
    const { ir } = compile(policy);
    const base = JSON.stringify(ir);
    const breakages: Array<(graph: Record<string, any>) => void> = [
      () => {},
      (g) => delete g['lists'],
      (g) => (g['format'] = 'other'),
      (g) => (g['policy']['name'] = 5),
      (g) => (g['inputs'][0]['id'] = 'email'),
      (g) => (g['inputs'][1]['name'] = ''),
      (g) => (g['inputs'][2]['type'] = 'date'),
      (g) => (g['predicates'][0]['op'] = 'xor'),
      (g) => delete g['predicates'][1]['range'],
      (g) => (g['predicates'][2]['extra'] = true),
      (g) => (g['predicates'][3]['range']['start']['line'] = 0.5),
      (g) => (g['contributions'][0]['points'] = -1),
      (g) => (g['contributions'][1]['cap'] = 0),
      (g) => (g['contributions'][2]['mode'] = 'twice'),
      (g) => (g['sections'][0]['name'] = 7),
      (g) => (g['decisions'][0]['rows'][0]['when'] = ''),
      (g) => (g['decisions'][0]['name'] = 'tier'),
      (g) => (g['lists'][0]['values'] = [true]),
      (g) => (g['derived'] = {}),
      (g) => {
        g['contributions'] = g['contributions'].map((c: Record<string, unknown>) => ({ ...c, effect: 'multiply', points: 'ten' }));
      },
    ];
    for (const [i, breakIt] of breakages.entries()) {
      const graph = JSON.parse(base) as Record<string, any>;
      breakIt(graph);
      const expected = ajvValidate(graph);
      expect(validateIrSchema(graph), `breakage ${i}`).toBe(expected);
      expect(validateIrSchema.errors ?? null, `breakage ${i}`).toEqual(ajvValidate.errors ?? null);
    }
  });
});
