// One problem found in a spec or config file, with the place it stands in the file.
import { formatLocation } from '../util/promo-error.ts';
import type { YamlPath } from './yaml-path.ts';

export interface YamlIssue {
  file: string;
  line: number;
  col: number;
  /** Where in the document, e.g. `products[2].clips[0].out`; empty for problems of the file as a whole. */
  path: string;
  /** What is wrong, then what to change. */
  message: string;
}

/** Formats an issue as `spec.yaml:14:7 products[2].clips[0].out: message`. */
export function formatYamlIssue(issue: YamlIssue, relativeTo?: string): string {
  const where = formatLocation(issue, relativeTo);
  return issue.path ? `${where} ${issue.path}: ${issue.message}` : `${where} ${issue.message}`;
}

/** Turns `['products', 2, 'clips', 0, 'out']` into `products[2].clips[0].out`. */
export function formatYamlPath(path: YamlPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text ? `.${shorten(segment)}` : shorten(segment);
    else text += `[${JSON.stringify(shorten(segment))}]`;
  }
  return text;
}

/** Cuts text written by the user to a length fit for a one-line message. */
export function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Orders issues by position in the file, so they read top to bottom. */
export function sortYamlIssues(issues: YamlIssue[]): YamlIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}
