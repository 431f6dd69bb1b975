// A compiled query as a dbt model: the configuration block, then the SQL with its two relations as
// dbt expressions (`{{ ref('leads') }}`, `{{ source('crm', 'events') }}`). Everything leadscore
// writes stands in `{% raw %}` blocks, so text of the policy that looks like Jinja stays text.
import { compileSql, type SqlOptions, type SqlResult } from './compile.js';
import { sqlDiagnostics } from './diagnostics.js';

export interface DbtOptions extends Omit<SqlOptions, 'relations'> {
  /** dbt expressions for the relations, inside `{{ … }}`: by default `ref('leads')` and `ref('events')`. */
  leads?: string;
  events?: string;
  /** The materialisation in `config(…)`; `table` by default. */
  materialized?: string;
}

const marker = (name: string) => `\u0001ls-relation-${name}\u0001`;

/** The model file's text, or the diagnostics that refuse the policy for the dialect. */
export function compileDbtModel(ir: Parameters<typeof compileSql>[0], options: DbtOptions): SqlResult {
  const compiled = compileSql(ir, { ...options, relations: { leads: { sql: marker('leads') }, events: { sql: marker('events') } } });
  if (compiled.sql === undefined) return compiled;
  // The query's own text can hold `{% endraw %}` only inside a literal or an identifier from the policy.
  if (/\{%-?\s*endraw/i.test(compiled.sql)) {
    return {
      diagnostics: [{ code: sqlDiagnostics.dbtRawEnd.code, severity: 'error', message: 'the policy holds text that would end the dbt model’s `{% raw %}` block (`{% endraw %}`)' }],
    };
  }
  const expression = (name: 'leads' | 'events', given: string | undefined) => `{% endraw %}{{ ${given ?? `ref('${name}')`} }}{% raw %}`;
  const body = compiled.sql.replace(marker('leads'), expression('leads', options.leads)).replace(marker('events'), expression('events', options.events));
  const config = `{{ config(materialized='${(options.materialized ?? 'table').replace(/[^A-Za-z0-9_]/g, '')}') }}`;
  return { sql: `${config}\n{% raw %}${body}{% endraw %}\n`, diagnostics: [] };
}
