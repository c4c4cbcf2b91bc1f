// The secret fields of a channel kind, read from its schema: every field built with secretField.
import type { z } from 'zod';
import type { ChannelKind } from './channel-kind.ts';
import { SECRET_RULES, type SecretRule } from './secret-field.ts';

export interface SecretFieldInfo {
  /** The setting's name in config.yaml (a top-level field of the channel). */
  field: string;
  rule: SecretRule;
}

interface WrapperDef {
  innerType?: z.ZodType;
}

/** The kind's secret fields in schema order; derived, so a field marked secret cannot be left out. */
export function secretFieldsOf(kind: Pick<ChannelKind, 'schema'>): SecretFieldInfo[] {
  const found: SecretFieldInfo[] = [];
  for (const [field, schema] of Object.entries(kind.schema.shape as Record<string, z.ZodType>)) {
    const rule = ruleOf(schema);
    if (rule) found.push({ field, rule });
  }
  return found;
}

// Through `.optional()` and `.default()` (wrappers with an inner type) to the marked schema.
function ruleOf(schema: z.ZodType): SecretRule | undefined {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const rule = SECRET_RULES.get(current);
    if (rule) return rule;
    current = (current as unknown as { _zod: { def: WrapperDef } })._zod.def.innerType;
  }
  return undefined;
}
