import { parse } from '../../language/index.js';
import { sourceKey } from '../../runtime/support.js';
import { bundledMappings } from './index.js';

/** A bundled mapping that reads a file with this header: its name, and how many of the header's columns it names. */
export interface MappingFit {
  name: string;
  columns: number;
}

/**
 * The bundled mappings that find the lead's id in a CSV header (`Record ID` is HubSpot's, `Lead
 * ID` Salesforce's), the one naming most of its columns first: what to offer a user whose export
 * the policy cannot read yet.
 */
export function mappingsForHeader(header: readonly string[]): MappingFit[] {
  const columns = new Set(header.map(sourceKey));
  const fits: MappingFit[] = [];
  for (const [name, text] of bundledMappings) {
    const sources = fieldSources(text);
    if (!(sources.get('id') ?? []).some((source) => columns.has(source))) continue;
    const named = new Set([...sources.values()].flat().filter((source) => columns.has(source)));
    fits.push({ name, columns: named.size });
  }
  return fits.sort((a, b) => b.columns - a.columns);
}

/** Each field's source names in a mapping, as `sourceKey` compares them. */
function fieldSources(text: string): Map<string, string[]> {
  const sources = new Map<string, string[]>();
  for (const statement of parse(text).program.statements) {
    if (statement.kind !== 'FieldDeclaration') continue;
    sources.set(statement.name.name, [...(sources.get(statement.name.name) ?? []), ...statement.sources.map((source) => sourceKey(source.value))]);
  }
  return sources;
}
