import type { Policy, ValueType } from '../runtime/index.js';

/** The type of every field the policies read; the first policy's type wins when they disagree. */
export function fieldTypes(...policies: Policy[]): Map<string, ValueType> {
  const types = new Map<string, ValueType>();
  for (const policy of policies) for (const input of policy.ir.inputs) if (!types.has(input.name)) types.set(input.name, input.type);
  return types;
}
