// `promo schema`: the spec's JSON Schema, for editor completion and validation. It is the same
// text as schema/promo-spec.schema.json (a test keeps the two equal).
import { specJsonSchemaText } from '../promo-spec/spec-json-schema.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT } from './exit-codes.ts';

/** Prints the JSON Schema of the promo spec. */
export function schemaCommand(io: CliIo): number {
  io.stdout.write(specJsonSchemaText());
  return EXIT.ok;
}
