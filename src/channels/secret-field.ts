// Marks a channel setting as a secret. The mark is the one source for everything secret handling
// does: config validation (only `${ENV}` references), substitution from the environment when a
// channel is used, and redaction from every message, log line and stored error.
import { z } from 'zod';
import { secretProblem, type SecretUrlRule } from './secret-problem.ts';

export interface SecretRule {
  /** What the setting is, in messages: `WeCom webhook url`. */
  what: string;
  /** The value is a URL: only its credential-bearing parts are secret, and only they must be references. */
  url?: SecretUrlRule;
  /** Parts of the value that are secrets on their own too (Telegram: the part after `<bot id>:`). */
  parts?: (value: string) => string[];
}

/**
 * The secret fields' rules, by schema. A registry of its own, not `.meta()`: the rules hold
 * functions and must never end up in a JSON Schema.
 */
export const SECRET_RULES = z.registry<SecretRule>();

/**
 * A field holding a secret. Either exactly one `${VAR}` reference, or (with `url`) a URL whose
 * credential-bearing parts are `${VAR}` references. Wrap the result only in `.optional()` or
 * `.default()`: `.meta()`, `.describe()` or `.refine()` make a copy without the mark.
 */
export function secretField(what: string, options: Omit<SecretRule, 'what'> = {}) {
  // The message never repeats the value: it is a secret.
  const schema = z.string().refine((value) => secretProblem(value, what, options.url) === undefined, {
    error: (iss) => secretProblem(String(iss.input), what, options.url) ?? `${what} is not valid`,
  });
  return schema.register(SECRET_RULES, { what, ...options });
}
