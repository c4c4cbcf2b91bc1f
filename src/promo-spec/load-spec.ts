// Loads a promo spec: reads the YAML safely, validates it, and resolves it, reporting every
// problem at once with its file:line:col.
import { dirname, resolve } from 'node:path';
import { checkSpecContext } from './check-spec-context.ts';
import { readYamlFile } from '../yaml/read-yaml-file.ts';
import { resolveSpec } from './resolve-spec.ts';
import { specSchema } from './spec-schema.ts';
import { sortYamlIssues, type YamlIssue } from '../yaml/yaml-issue.ts';
import type { PromoSpec } from './spec-types.ts';
import { translateZodIssues } from '../yaml/translate-zod-issues.ts';

export interface LoadSpecOptions {
  /** IANA zone for a spec that names none (from the config). */
  timezone: string;
}

export type LoadSpecResult =
  | { ok: true; spec: PromoSpec; warnings: YamlIssue[] }
  | { ok: false; issues: YamlIssue[]; warnings: YamlIssue[] };

const EMPTY_HINTS = { color: 'in YAML an unquoted # starts a comment: write color: "#E60012"' };

/** Reads, validates and resolves the spec at `file`. */
export async function loadSpec(file: string, options: LoadSpecOptions): Promise<LoadSpecResult> {
  const absolute = resolve(file);
  const dir = dirname(absolute);
  const read = await readYamlFile(absolute, { what: 'spec' });
  if (!read.ok) return { ok: false, issues: sortYamlIssues(read.issues), warnings: [] };

  const { value, locator } = read;
  if (value === undefined || value === null) {
    return {
      ok: false,
      issues: [...read.issues, { file: absolute, line: 1, col: 1, path: '', message: 'the spec is empty; it needs at least `stream: { title }` and `products`' }],
      warnings: [],
    };
  }
  const parsed = specSchema.safeParse(value);
  const issues = [...read.issues];
  if (!parsed.success) {
    issues.push(...translateZodIssues(parsed.error.issues, { schema: specSchema, value, locator, file: absolute, emptyHints: EMPTY_HINTS }));
  }
  const context = await checkSpecContext(value, { file: absolute, dir, defaultTimezone: options.timezone, locator });
  issues.push(...context.issues);
  const warnings = sortYamlIssues(context.warnings);

  if (issues.length > 0 || !parsed.success || !context.timezone) {
    return { ok: false, issues: sortYamlIssues(issues), warnings };
  }
  const spec = resolveSpec(parsed.data, { file: absolute, dir, timezone: context.timezone, start: context.start, locator });
  return { ok: true, spec, warnings };
}
