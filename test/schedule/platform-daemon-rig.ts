// A spec with one platform post (TEA-001's video, due at the last whole minute of real time,
// 2 h before the stream), its channel in config.yaml and its account in the credentials file
// beside the state database; promo runs as real processes, their output kept for leak checks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CredentialsFile, type AccountEntry } from '../../src/accounts/credentials-file.ts';
import { makeSpecDir, runCli, type CliResult, type SpecDir } from '../helpers/spec-dir.ts';

export interface PlatformRig {
  dir: SpecDir;
  state: string;
  due: Date;
  output: string[];
  promo(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** `promo daemon --once --now <due + minutes>`, `env` added to the channel's (PROMO_FAULT, PROMO_CREDENTIALS_KEY). */
  daemonAt(minutes: number, env?: NodeJS.ProcessEnv): Promise<CliResult>;
  posts(): Promise<Record<string, unknown>[]>;
  /** The state database's bytes (with its WAL), to look for secrets in. */
  database(): string;
}

// `YYYY-MM-DD HH:MM` in UTC, a whole minute.
const local = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ');

/** The rig for channel `name` configured as `channel`, `env` holding its secrets, `account` connected. */
export async function makePlatformRig(options: { clip: string; name: string; channel: Record<string, unknown>; env: NodeJS.ProcessEnv; account: AccountEntry; text: string }): Promise<PlatformRig> {
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 2 * 3_600_000);
  const dir = await makeSpecDir({
    stream: { title: 'Tea night', start: local(start), timezone: 'UTC', url: 'https://live.example.com/room/8848' },
    products: [{ sku: 'TEA-001', name: 'Longjing', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 4 }] }],
    outputs: [{ name: 'tiny', width: 240, height: 240 }],
    intro: false, outro: false, quality: 'draft',
    posts: [{ at: '-2h', video: 'TEA-001', text: options.text, channels: [options.name] }],
  }, { files: { 'tea.mp4': options.clip }, config: { timezone: 'UTC', channels: { [options.name]: options.channel } } });
  const state = join(dir.dir, '.promo', 'state.db');
  await CredentialsFile.forState(state, {}).update((accounts) => { accounts[options.name] = options.account; });
  const due = new Date(start.getTime() - 2 * 3_600_000);
  const output: string[] = [];
  const promo = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const run = await runCli([...args, '--config', dir.config], { cwd: dir.dir, env: { ...options.env, ...env } });
    output.push(run.stdout, run.stderr);
    return run;
  };
  return {
    dir, state, due, output, promo,
    daemonAt: (minutes, env) => promo(['daemon', '--once', '--now', new Date(due.getTime() + minutes * 60_000).toISOString()], env),
    posts: async () => JSON.parse((await promo(['posts', '--json'])).stdout) as Record<string, unknown>[],
    database: () => readFileSync(state).toString('latin1') + readFileSync(`${state}-wal`, { flag: 'a+' }).toString('latin1'),
  };
}
