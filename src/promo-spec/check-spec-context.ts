// The spec checks that need more than the spec itself: files that must exist (logo, music,
// templates), the start time in the stream's zone (DST gaps and overlaps), prices worth a warning.
// Works on the raw data, so it runs, and reports, even when the schema found other problems.
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { canonicalTimeZone, isValidTimeZone } from '../time/time-zone.ts';
import { parseStreamStart, STREAM_START_PATTERN } from '../time/parse-stream-start.ts';
import { looksLikeUrl } from '../yaml/schema-helpers.ts';
import { formatYamlPath, type YamlIssue } from '../yaml/yaml-issue.ts';
import type { YamlPath } from '../yaml/yaml-path.ts';
import type { StreamStart } from '../time/stream-start.ts';
import type { YamlLocator } from '../yaml/yaml-locator.ts';
import { asRecord } from './as-record.ts';

export interface CheckSpecContextOptions {
  file: string;
  /** Folder relative paths are resolved against. */
  dir: string;
  /** Zone used when the spec gives none (from the config). */
  defaultTimezone: string;
  locator: YamlLocator;
}

export interface SpecContext {
  issues: YamlIssue[];
  warnings: YamlIssue[];
  /** The stream's zone, canonical spelling (undefined when neither spec nor config gives a valid one). */
  timezone?: string;
  start?: StreamStart;
}

/** Runs the context checks on the spec's raw data. */
export async function checkSpecContext(raw: unknown, options: CheckSpecContextOptions): Promise<SpecContext> {
  const issues: YamlIssue[] = [];
  const warnings: YamlIssue[] = [];
  const issueAt = (path: YamlPath, message: string): YamlIssue => ({
    ...(options.locator.locate(path) ?? { file: options.file, line: 1, col: 1 }),
    path: formatYamlPath(path),
    message,
  });
  const spec = asRecord(raw) ?? {};

  const paths: { path: YamlPath; kind: 'file' | 'folder'; noun: string }[] = [
    { path: ['brand', 'logo'], kind: 'file', noun: 'logo' },
    { path: typeof spec.music === 'string' ? ['music'] : ['music', 'file'], kind: 'file', noun: 'music file' },
    { path: ['templates'], kind: 'folder', noun: 'templates folder' },
  ];
  for (const { path, kind, noun } of paths) {
    const value = get(spec, path);
    if (typeof value !== 'string' || value.trim() === '' || looksLikeUrl(value) || value.includes('\0')) continue;
    const absolute = isAbsolute(value) ? value : resolve(options.dir, value);
    const problem = await checkExists(absolute, kind);
    if (problem) issues.push(issueAt(path, `${problem} (${absolute}); check the ${noun}'s path — it is relative to the spec's folder`));
  }

  const stream = asRecord(spec.stream) ?? {};
  let timezone: string | undefined;
  if (typeof stream.timezone === 'string') {
    if (isValidTimeZone(stream.timezone)) timezone = canonicalTimeZone(stream.timezone);
  } else if (isValidTimeZone(options.defaultTimezone)) {
    timezone = canonicalTimeZone(options.defaultTimezone);
  } else {
    issues.push(issueAt([], `the default time zone ${JSON.stringify(options.defaultTimezone)} (from the config) is not an IANA zone; set stream.timezone here or fix timezone in the config`));
  }
  let start: StreamStart | undefined;
  if (timezone && typeof stream.start === 'string' && STREAM_START_PATTERN.test(stream.start)) {
    const parsed = parseStreamStart(stream.start, timezone);
    if (!parsed.ok) issues.push(issueAt(['stream', 'start'], parsed.message));
    else {
      start = parsed.start;
      if (parsed.warning) warnings.push(issueAt(['stream', 'start'], parsed.warning));
    }
  }

  if (Array.isArray(spec.products)) {
    spec.products.forEach((value, index) => {
      const product = asRecord(value);
      if (!product) return;
      const { price, originalPrice } = product;
      if (typeof price === 'number' && typeof originalPrice === 'number' && originalPrice <= price) {
        warnings.push(
          issueAt(['products', index, 'originalPrice'], `originalPrice (${originalPrice}) is not above price (${price}), so it will not be shown as a discount; raise it or remove it`),
        );
      }
    });
  }
  return { issues, warnings, timezone, start };
}

async function checkExists(path: string, kind: 'file' | 'folder'): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (kind === 'folder' && !info.isDirectory()) return 'is not a folder';
    if (kind === 'file' && !info.isFile()) return 'is not a file';
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`;
  }
}

function get(value: unknown, path: YamlPath): unknown {
  let current = value;
  for (const segment of path) {
    const record = asRecord(current);
    if (!record || !Object.prototype.hasOwnProperty.call(record, segment)) return undefined;
    current = record[segment];
  }
  return current;
}
