// Writes spec/ir.schema.json from runtime/ir-schema.ts, the schema the runtime validates with.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { irSchema } from '../runtime/rule-graph.js';

const target = join(import.meta.dirname, '..', 'spec', 'ir.schema.json');
writeFileSync(target, JSON.stringify(irSchema, null, 2) + '\n');
console.log(`wrote ${target}`);
