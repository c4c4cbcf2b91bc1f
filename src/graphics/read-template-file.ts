// Reads one template file through the same hardened YAML reader as the spec (size limit, alias
// limits, duplicate keys, YAML 1.2 only) and validates it, reporting every problem with file:line:col.
import type { z } from 'zod';
import { readYamlFile } from '../yaml/read-yaml-file.ts';
import { formatYamlIssue, formatYamlPath, sortYamlIssues, type YamlIssue } from '../yaml/yaml-issue.ts';
import { translateZodIssues } from '../yaml/translate-zod-issues.ts';
import { PromoError } from '../util/promo-error.ts';

/** A problem found after the schema passed (e.g. a missing image), at a path in the file. */
export interface TemplateProblem {
  path: (string | number)[];
  message: string;
}

/** A template only holds styles and layout; the built-in ones are a few KiB. */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

/**
 * Reads `file` (an absolute path), validates it with `schema`, then with `check` for what a schema
 * cannot know; throws ASSET_INVALID listing every problem as `file:line:col path: message`.
 */
export async function readTemplateFile<S extends z.ZodType>(
  file: string,
  schema: S,
  check: (value: z.output<S>) => TemplateProblem[] = () => [],
): Promise<z.output<S>> {
  const read = await readYamlFile(file, { what: 'template', maxBytes: MAX_TEMPLATE_BYTES });
  if (!read.ok) throw templateError(read.issues);
  // An empty file is an empty mapping: the schema then says which fields it needs.
  const value = read.value ?? {};
  const issues: YamlIssue[] = [...read.issues];
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    issues.push(...translateZodIssues(parsed.error.issues, { schema, value, locator: read.locator, file }));
  } else if (issues.length === 0) {
    for (const problem of check(parsed.data)) {
      const where = read.locator.locate(problem.path) ?? { file, line: 1, col: 1 };
      issues.push({ ...where, path: formatYamlPath(problem.path), message: problem.message });
    }
  }
  if (issues.length > 0 || !parsed.success) throw templateError(issues);
  return parsed.data;
}

function templateError(issues: YamlIssue[]): PromoError {
  // Each line names its own file, relative to the folder promo runs in (as spec and config
  // errors are): `templates/intro.yaml:14:9 …` for a project's own templates.
  const lines = sortYamlIssues(issues).map((issue) => formatYamlIssue(issue, process.cwd()));
  return new PromoError('ASSET_INVALID', lines.join('\n'), {
    hint: 'fix the template (templates/README.md describes the format) or delete it to use the built-in one',
  });
}
