import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/index.js';
import { irSchema } from '../runtime/rule-graph.js';

const schemaFile = JSON.parse(readFileSync(join(import.meta.dirname, 'ir.schema.json'), 'utf8')) as object;

describe('spec/ir.schema.json', () => {
  it('is the schema the runtime validates with (regenerate with `npm run spec:schema`)', () => {
    expect(schemaFile).toEqual(JSON.parse(JSON.stringify(irSchema)));
  });

  it('accepts the rule graph of the reference policy', () => {
    const { ir } = compile(readFileSync(join(import.meta.dirname, '..', 'examples', 'b2b-saas.score'), 'utf8'));
    const validate = new Ajv({ allErrors: true, discriminator: true, strict: false }).compile(schemaFile);
    expect(validate(JSON.parse(JSON.stringify(ir))), JSON.stringify(validate.errors)).toBe(true);
  });
});
