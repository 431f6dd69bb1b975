// Writes runtime/countries.generated.ts: the country names and codes the runtime compares, from maintained libraries (see countries-source.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countriesSource } from './countries-source.js';

const target = join(import.meta.dirname, '..', 'runtime', 'countries.generated.ts');
writeFileSync(target, countriesSource());
console.log(`wrote ${target}`);
