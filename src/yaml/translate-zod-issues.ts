// Turns zod issues into SpecIssues: a file location for each, and messages that name what was
// expected, what was received and what to write instead (unknown fields get "did you mean").
import type { z } from 'zod';
import { findNearestName } from '../util/nearest-name.ts';
import { describeValue } from './schema-helpers.ts';
import { formatYamlPath, shorten, type YamlIssue } from './yaml-issue.ts';
import type { YamlPath } from './yaml-path.ts';
import type { YamlLocator } from './yaml-locator.ts';

export interface TranslateZodIssuesOptions {
  /** The schema that produced the issues, to list the allowed fields of an object. */
  schema: z.ZodType;
  /** The data that was validated. */
  value: unknown;
  locator: YamlLocator;
  file: string;
  /** Extra advice for an empty value, by field name (e.g. `#` starting a YAML comment). */
  emptyHints?: Readonly<Record<string, string>>;
}

type Issue = z.core.$ZodIssue;

/** Translates every issue; the result is not sorted. */
export function translateZodIssues(issues: readonly Issue[], options: TranslateZodIssuesOptions): YamlIssue[] {
  const out: YamlIssue[] = [];
  const seen = new Set<string>();
  const push = (path: YamlPath, message: string, atKey = false) => {
    const where = (atKey ? options.locator.locateKey(path) : options.locator.locate(path)) ?? { file: options.file, line: 1, col: 1 };
    const issue: YamlIssue = { ...where, path: formatYamlPath(path), message };
    const key = `${issue.line}:${issue.col}:${issue.path}:${issue.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(issue);
  };

  const translate = (issue: Issue, base: YamlPath) => {
    const path: YamlPath = [...base, ...issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))];
    const received = valueAt(options.value, path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = objectKeysAt(options.schema, path, options.value);
        for (const key of issue.keys) {
          const nearest = findNearestName(key, allowed);
          const advice = nearest ? ` (did you mean \`${nearest}\`?)` : '';
          const fix = nearest ? 'rename it' : 'remove it or fix its spelling';
          const list = allowed.length > 0 ? ` — allowed here: ${allowed.join(', ')}` : '';
          push([...path, key], `unknown field \`${shorten(key)}\`${advice}; ${fix}${list}`, true);
        }
        return;
      }
      case 'invalid_type': {
        if (received === undefined) {
          const name = path[path.length - 1];
          push(path, `is required but missing; add \`${String(name)}:\` here`);
        } else if (received === null) {
          push(path, emptyMessage(path, expectedFrom(issue), options.emptyHints));
        } else if (isCustomMessage(issue.message)) {
          push(path, issue.message);
        } else {
          push(path, `expected ${expectedFrom(issue)}, received ${describeValue(received)}`);
        }
        return;
      }
      case 'invalid_union': {
        // No value at all fits no branch: it is simply missing (not "expected one of …, received nothing").
        if (received === undefined) {
          push(path, `is required but missing; add \`${String(path[path.length - 1])}:\` here`);
          return;
        }
        // Branches that failed only because the value has another type say nothing useful; if one
        // branch got further (the value had its type), its own issues are the real problem.
        const relevant = issue.errors.filter(
          (branch) => !(branch.length === 1 && branch[0]!.path.length === 0 && branch[0]!.code === 'invalid_type'),
        );
        if (relevant.length === 1) {
          for (const inner of relevant[0]!) translate(inner, path);
          return;
        }
        const expected = isCustomMessage(issue.message) ? issue.message : 'one of the allowed forms';
        if (received === null) push(path, emptyMessage(path, expected, options.emptyHints));
        else push(path, `expected ${expected}, received ${describeValue(received)}`);
        return;
      }
      case 'invalid_value': {
        const values = issue.values.map((value) => String(value));
        const nearest = typeof received === 'string' ? findNearestName(received, values) : undefined;
        const advice = nearest ? `; did you mean \`${nearest}\`?` : '';
        if (received === null) push(path, emptyMessage(path, `one of ${values.join(', ')}`, options.emptyHints));
        else push(path, `expected one of ${values.join(', ')}, received ${describeValue(received)}${advice}`);
        return;
      }
      default:
        push(path, issue.message);
    }
  };

  for (const issue of issues) translate(issue, []);
  return out;
}

function isCustomMessage(message: string): boolean {
  // zod's own English messages start like this; ours never do.
  return !/^(Invalid|Too (big|small)|Unrecognized|Expected)/.test(message);
}

function expectedFrom(issue: { expected: string }): string {
  switch (issue.expected) {
    case 'number': return 'a number';
    case 'int': return 'a whole number';
    case 'string': return 'text';
    case 'boolean': return 'true or false';
    case 'object': return 'a mapping (`key: value` lines)';
    case 'array': return 'a list';
    default: return issue.expected;
  }
}

function emptyMessage(path: YamlPath, expected: string, hints: Readonly<Record<string, string>> | undefined): string {
  const name = path[path.length - 1];
  const hint = typeof name === 'string' ? hints?.[name] : undefined;
  return `is empty; give ${expected} or remove the line${hint ? ` (${hint})` : ''}`;
}

/** The value at `path` in plain data, or undefined. */
export function valueAt(value: unknown, path: YamlPath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  /** A discriminated union's tag field. */
  discriminator?: string;
  /** A literal's values. */
  values?: unknown[];
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The field names of the object schema that validates the value at `path`. */
function objectKeysAt(schema: z.ZodType, path: YamlPath, value: unknown): string[] {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; depth <= path.length && current; depth++) {
    current = unwrap(current, valueAt(value, path.slice(0, depth)));
    if (!current) return [];
    if (depth === path.length) break;
    const def = defOf(current);
    const segment = path[depth]!;
    if (def.type === 'object') current = def.shape?.[String(segment)];
    else if (def.type === 'array') current = def.element;
    else return [];
  }
  const def = current ? defOf(current) : undefined;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** Strips optional/default/pipe wrappers and picks the union branch that fits the value's type. */
function unwrap(schema: z.ZodType, value: unknown): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (let guard = 0; current && guard < 20; guard++) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else if (def.type === 'union') current = def.discriminator === undefined ? def.options?.find((option) => fits(option, value)) : tagged(def, value);
    else return current;
  }
  return current;
}

/** The branch of a discriminated union whose tag the value has (`type: text` picks the text layer). */
function tagged(def: SchemaDef, value: unknown): z.ZodType | undefined {
  const tag = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[def.discriminator!] : undefined;
  return def.options?.find((option) => {
    const field = defOf(option).shape?.[def.discriminator!];
    return field !== undefined && (defOf(field).values ?? []).includes(tag);
  });
}

function fits(schema: z.ZodType, value: unknown): boolean {
  const inner = unwrap(schema, value);
  const type = inner ? defOf(inner).type : undefined;
  if (Array.isArray(value)) return type === 'array';
  if (value !== null && typeof value === 'object') return type === 'object';
  return type !== 'object' && type !== 'array';
}
