// Parses one YAML template file and validates it, reporting every problem with file:line:col.
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { PromoError } from '../util/promo-error.ts';

/** A problem found after the schema passed (e.g. a missing image), at a path in the file. */
export interface TemplateProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Parses `text` (the contents of `file`) as YAML and validates it with `schema`, then with
 * `check` for what a schema cannot know.
 */
export function parseTemplateFile<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  check: (value: z.output<S>) => TemplateProblem[] = () => [],
): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: string[] = [];
  for (const error of doc.errors) {
    const pos = error.linePos?.[0];
    problems.push(`${file}:${pos?.line ?? 1}:${pos?.col ?? 1} ${firstLine(error.message)}`);
  }
  if (problems.length === 0) {
    const result = schema.safeParse(doc.toJS() ?? {});
    if (result.success) {
      const found = check(result.data);
      if (found.length === 0) return result.data;
      for (const problem of found) {
        const offset = locate(doc, problem.path);
        const { line, col } = offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
        problems.push(`${file}:${line}:${col} ${formatPath(problem.path)}: ${problem.message}`);
      }
    }
    for (const issue of result.error?.issues ?? []) {
      const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const offset = locate(doc, path, keys[0]);
      const { line, col } = offset === undefined ? { line: 1, col: 1 } : lineCounter.linePos(offset);
      const where = formatPath(keys[0] === undefined ? path : [...path, keys[0]]);
      const message = issue.code === 'unrecognized_keys'
        ? `unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`
        : issue.message;
      problems.push(`${file}:${line}:${col} ${where ? `${where}: ` : ''}${message}`);
    }
  }
  throw new PromoError('ASSET_INVALID', problems.join('\n'), {
    hint: 'fix the template (templates/README.md describes the format) or delete it to use the built-in one',
  });
}

/** Offset of the node at `path` (or of its key `key`), or of the nearest ancestor that exists. */
function locate(doc: Document, path: (string | number)[], key?: string): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (!isNode(node)) continue;
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === key);
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    }
    if (node.range) return node.range[0];
  }
  return undefined;
}

function formatPath(path: (string | number)[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
