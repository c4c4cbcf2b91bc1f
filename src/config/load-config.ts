// Loads promo's configuration: `config.yaml` in the working folder unless a file is named,
// defaults when there is none. Every problem is reported at once, as file:line:col.

import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { parseDuration } from '../time/parse-duration.ts';
import { readYamlFile } from '../yaml/read-yaml-file.ts';
import { formatYamlIssue, sortYamlIssues, type YamlIssue } from '../yaml/yaml-issue.ts';
import { translateZodIssues } from '../yaml/translate-zod-issues.ts';
import { canonicalTimeZone } from '../time/time-zone.ts';
import { PromoError } from '../util/promo-error.ts';
import { configSchema, type ConfigInput } from './config-schema.ts';
import { resolveCacheLimits } from './cache-schema.ts';
import type { BestTimesMetric, PromoConfig } from './config-types.ts';
import { pathExists } from '../util/path-exists.ts';

export interface LoadConfigOptions {
  /** Folder a relative `file`, and the default `config.yaml`, are looked up in. */
  cwd: string;
}

/** File name looked for in `cwd` when no config file is named. */
export const DEFAULT_CONFIG_FILE = 'config.yaml';

/** Loads and resolves the config; throws PromoError('CONFIG_INVALID') listing every problem. */
export async function loadConfig(file: string | undefined, options: LoadConfigOptions): Promise<PromoConfig> {
  const cwd = resolve(options.cwd);
  let path: string | undefined;
  if (file !== undefined) {
    path = resolve(cwd, file);
    if (!(await pathExists(path))) {
      throw new PromoError('CONFIG_INVALID', `config file ${path} does not exist`, { hint: 'check the path, or leave it out to use ./config.yaml or the defaults' });
    }
  } else if (await pathExists(resolve(cwd, DEFAULT_CONFIG_FILE))) {
    path = resolve(cwd, DEFAULT_CONFIG_FILE);
  }
  if (path === undefined) return resolveConfig(configSchema.parse({}), { dir: cwd });

  const read = await readYamlFile(path, { what: 'config' });
  if (!read.ok) throw configError(read.issues, cwd);
  const value = read.value ?? {};
  const issues: YamlIssue[] = [...read.issues];
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    issues.push(...translateZodIssues(parsed.error.issues, { schema: configSchema, value, locator: read.locator, file: path }));
  }
  if (issues.length > 0 || !parsed.success) throw configError(issues, cwd);
  const config = resolveConfig(parsed.data, { dir: dirname(path), file: path });
  if (parsed.data.queue) config.queue.at = read.locator.locate(['queue', 'backend']) ?? read.locator.locate(['queue']);
  const overlaps = checkWatchFolders(config, read.locator, path);
  if (overlaps.length > 0) throw configError(overlaps, cwd);
  return config;
}

function resolveConfig(input: ConfigInput, where: { dir: string; file?: string }): PromoConfig {
  const path = (value: string) => (isAbsolute(value) ? value : resolve(where.dir, value));
  return {
    file: where.file,
    dir: where.dir,
    out: path(input.out),
    state: path(input.state),
    timezone: canonicalTimeZone(input.timezone),
    engine: {
      ffmpeg: input.ffmpeg === undefined ? undefined : path(input.ffmpeg),
      ffprobe: input.ffprobe === undefined ? undefined : path(input.ffprobe),
    },
    render: {
      // Half the cores: one ffmpeg encode already uses several threads.
      concurrency: input.render?.concurrency ?? Math.max(1, Math.floor(availableParallelism() / 2)),
      timeoutScale: input.render?.timeoutScale ?? 1,
    },
    cache: resolveCacheLimits(input.cache),
    watch: (input.watch ?? []).map((entry) => ({
      inbox: path(entry.inbox),
      spec: path(entry.spec),
      settle: parseDuration(entry.settle)!,
      giveUp: parseDuration(entry.giveUp)!,
      poll: entry.poll,
    })),
    queue: {
      backend: input.queue?.backend ?? 'local',
      ...(input.queue?.redis === undefined ? {} : { redis: input.queue.redis }),
      ...(input.queue?.prefix === undefined ? {} : { prefix: input.queue.prefix }),
      ...(input.queue?.lock === undefined ? {} : { lock: parseDuration(input.queue.lock)! }),
    },
    channels: Object.fromEntries(Object.entries(input.channels ?? {}).map(([name, channel]) => [
      name,
      channel.type === 'folder' ? { ...channel, name, dir: path(channel.dir) } : { ...channel, name },
    ])),
    posts: {
      grace: parseDuration(input.posts?.grace ?? '15m')!,
      horizon: parseDuration(input.posts?.horizon ?? '14d')!,
      timeout: parseDuration(input.posts?.timeout ?? '30s')!,
      ...(input.posts?.mediaUrl ? { mediaUrl: input.posts.mediaUrl } : {}),
    },
    ...(input.insights ? { insights: {
      ...(input.insights.metric ? { metric: input.insights.metric } : {}),
      platforms: Object.fromEntries(Object.entries(input.insights.platforms ?? {}).filter(([, p]) => p !== undefined)) as Record<string, { metric?: BestTimesMetric }>,
      accounts: Object.fromEntries(Object.entries(input.insights.accounts).map(([name, a]) => [name, { ...(a.timezone ? { timezone: canonicalTimeZone(a.timezone) } : {}), ...(a.metric ? { metric: a.metric } : {}) }])),
    } } : {}),
    ...(input.dashboard ? { dashboard: input.dashboard } : {}),
  };
}

/** Inboxes must be distinct and apart from the output folder (outputs never land in an inbox). */
function checkWatchFolders(config: PromoConfig, locator: { locate(path: (string | number)[]): { line: number; col: number } | undefined }, file: string): YamlIssue[] {
  const issues: YamlIssue[] = [];
  const inside = (child: string, parent: string) => child === parent || child.startsWith(`${parent}${sep}`);
  config.watch.forEach((entry, index) => {
    const at = locator.locate(['watch', index, 'inbox']) ?? { line: 1, col: 1 };
    const issue = (message: string) => issues.push({ file, line: at.line, col: at.col, path: `watch[${index}].inbox`, message });
    if (inside(entry.inbox, config.out) || inside(config.out, entry.inbox)) {
      issue(`${entry.inbox} and the output folder ${config.out} overlap; keep inboxes outside \`out\` (and \`out\` outside every inbox) so outputs are never taken as new footage`);
    }
    config.watch.slice(0, index).forEach((other, j) => {
      if (inside(entry.inbox, other.inbox) || inside(other.inbox, entry.inbox)) issue(`overlaps watch[${j}].inbox (${other.inbox}); give each watch its own folder`);
    });
  });
  return issues;
}

function configError(issues: YamlIssue[], cwd: string): PromoError {
  const sorted = sortYamlIssues(issues);
  const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
  const lines = sorted.map((issue) => `  ${formatYamlIssue(issue, cwd)}`);
  return new PromoError('CONFIG_INVALID', `the config has ${count}:\n${lines.join('\n')}`);
}

