// Writes runtime/ir-validator.generated.ts: the IR schema's validation code, generated so the runtime needs no ajv.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { irValidatorSource } from './ir-validator-source.js';

const target = join(import.meta.dirname, '..', 'runtime', 'ir-validator.generated.ts');
writeFileSync(target, irValidatorSource());
console.log(`wrote ${target}`);
