// What the dashboard's Health page shows: the engine (the ffmpeg and ffprobe renders run, as
// resolveEngine picks them, ffmpeg's version and the features promo uses), free space where promo writes (`out`, the state folder), the channels and accounts that
// need a person, promo's version. Never a secret: channel problems name environment variables,
// not their values; accounts come as account rows (no tokens).
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readFileSync } from 'node:fs';
import { CredentialsFile } from '../accounts/credentials-file.ts';
import { channelKind } from '../channels/channel-registry.ts';
import { secretFieldsOf } from '../channels/secret-fields-of.ts';
import { substituteEnv } from '../channels/substitute-env.ts';
import type { PromoConfig } from '../config/config-types.ts';
import { detectCapabilities } from '../engine/detect-capabilities.ts';
import { resolveEngine } from '../engine/resolve-engine.ts';
import { accountRows, type AccountRow } from './account-rows.ts';
import type { PostView } from './read-posts.ts';

/** Filters and encoders whose absence changes what promo makes (others it needs are checked at detection). */
const FEATURES = ['xfade', 'loudnorm', 'ebur128', 'libx264', 'aac'] as const;

export interface HealthView {
  version: string;
  engine:
    | { ok: true; ffmpeg: string; ffprobe: string; bundled: boolean; version: string; fpsModeOption: string; features: { name: string; present: boolean }[] }
    | { ok: false; error: string; hint?: string };
  disks: DiskView[];
  channels: ChannelHealth[];
  accounts: AccountRow[];
  /** Set when the credentials file could not be read (e.g. encrypted without PROMO_CREDENTIALS_KEY). */
  accountsError?: string;
}

export interface DiskView {
  what: 'out' | 'state';
  folder: string;
  /** Bytes free to promo and in all; undefined when the folder (or a parent) cannot be examined. */
  free?: number;
  total?: number;
  error?: string;
}

export interface ChannelHealth {
  name: string;
  type: string;
  /** What needs doing, most urgent first; empty when nothing. */
  problems: string[];
}

export interface ReadHealthOptions {
  /** Posts that failed, were missed or are unknown (of streams not started), for per-channel counts. */
  needsPerson: readonly PostView[];
  env?: NodeJS.ProcessEnv;
}

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Gathers the health of `config`'s engine, disks, channels and accounts. */
export async function readHealth(config: PromoConfig, options: ReadHealthOptions): Promise<HealthView> {
  const env = options.env ?? process.env;
  const [engine, disks, accounts] = await Promise.all([
    readEngine(config),
    Promise.all([diskOf('out', config.out), diskOf('state', dirname(config.state))]),
    CredentialsFile.forState(config.state, env).read().then(
      (entries) => ({ rows: accountRows(config, entries) }),
      (error: unknown) => ({ rows: [] as AccountRow[], error: (error as Error).message }),
    ),
  ]);
  const channels = Object.entries(config.channels).map(([name, definition]): ChannelHealth => {
    const problems: string[] = [];
    const values = definition as unknown as Record<string, unknown>;
    for (const { field } of secretFieldsOf(channelKind(definition.type))) {
      const value = values[field];
      if (typeof value !== 'string') continue;
      for (const variable of substituteEnv(value, env).missing) problems.push(`${field}: the environment variable ${variable} is not set where promo runs`);
    }
    const stuck = options.needsPerson.filter((post) => post.channel === name);
    for (const state of ['failed', 'unknown', 'missed'] as const) {
      const count = stuck.filter((post) => post.state === state).length;
      if (count > 0) problems.push(`${count} post${count === 1 ? '' : 's'} ${state}`);
    }
    return { name, type: definition.type, problems };
  });
  return { version: VERSION, engine, disks, channels, accounts: accounts.rows, ...('error' in accounts ? { accountsError: accounts.error } : {}) };
}

async function readEngine(config: PromoConfig): Promise<HealthView['engine']> {
  try {
    const engine = await resolveEngine(config.engine);
    const caps = await detectCapabilities(engine.ffmpeg);
    const has = (name: string) => caps.filters.has(name) || caps.encoders.has(name);
    return {
      ok: true, ffmpeg: engine.ffmpeg, ffprobe: engine.ffprobe, bundled: engine.bundled, version: caps.version, fpsModeOption: caps.fpsModeOption,
      features: FEATURES.map((name) => ({ name, present: has(name) })),
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message, hint: (error as { hint?: string }).hint };
  }
}

/** Free space of `folder`, or of its nearest existing parent (a folder promo has not made yet). */
async function diskOf(what: DiskView['what'], folder: string): Promise<DiskView> {
  let probe = folder;
  for (;;) {
    try {
      const stats = await statfs(probe);
      return { what, folder, free: stats.bavail * stats.bsize, total: stats.blocks * stats.bsize };
    } catch (error) {
      const parent = dirname(probe);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === probe) return { what, folder, error: (error as Error).message };
      probe = parent;
    }
  }
}
