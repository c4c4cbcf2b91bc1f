// The spec's JSON Schema, for editors (yaml-language-server: `# yaml-language-server: $schema=…`).
// Generated from the zod schema, so it cannot drift from what `loadSpec` accepts; checks that span
// several fields (out after in, unique SKUs, files that must exist) are only in loadSpec.
//
// The committed copy, schema/promo-spec.schema.json, must equal specJsonSchemaText() (a test checks);
// regenerate it with `npx promo schema > schema/promo-spec.schema.json`.
import { z } from 'zod';
import { specSchema } from './spec-schema.ts';

/** JSON Schema (draft 2020-12) of the spec as written by a person (input side: defaults optional). */
export function specJsonSchema(): object {
  return z.toJSONSchema(specSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
}

/** The schema file's exact text: 2-space JSON with a trailing newline. */
export function specJsonSchemaText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
}
