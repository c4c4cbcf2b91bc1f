// Test helpers for the watched folder: a project folder with a spec, a config that watches an
// inbox, and `promo watch` run as a real subprocess (folder removed and process killed after the
// test).
import type { ChildProcess } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { WaitingFileView } from '../../src/store/waiting-file-store.ts';
import { makeTempDir } from './make-temp-dir.ts';
import { spawnTracked } from './spawn-tracked.ts';
import { PROMO_BIN, REPO, runCli } from './spec-dir.ts';

export interface WatchDir {
  dir: string;
  inbox: string;
  out: string;
  spec: string;
  config: string;
}

/** A project folder: specs/spec.yaml, config.yaml watching inbox/ with `settle`. */
export async function makeWatchDir(spec: object, options: { settle?: string; concurrency?: number } = {}): Promise<WatchDir> {
  const dir = makeTempDir('promo-watch-');
  await mkdir(join(dir, 'specs'), { recursive: true });
  const specFile = join(dir, 'specs', 'spec.yaml');
  await writeFile(specFile, stringify(spec));
  const config = join(dir, 'config.yaml');
  await writeFile(config, stringify({
    out: 'out',
    state: '.promo/state.db',
    render: { concurrency: options.concurrency ?? 1 },
    watch: [{ inbox: 'inbox', spec: 'specs/spec.yaml', settle: options.settle ?? '500ms' }],
  }));
  return { dir, inbox: join(dir, 'inbox'), out: join(dir, 'out'), spec: specFile, config };
}

export interface WatchProcess {
  child: ChildProcess;
  /** Everything written to stderr so far. */
  log(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts `promo watch` in the project folder. */
export function startWatch(dir: WatchDir, args: string[] = []): WatchProcess {
  const child = spawnTracked(process.execPath, [PROMO_BIN, 'watch', '--config', dir.config, ...args], { cwd: dir.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, log: () => stderr, exited };
}

export { waitFor } from './wait-for.ts';

export interface JobView {
  id: string;
  fileName: string;
  sku?: string;
  state: string;
  attempts: number;
  error?: string;
  duplicateOf?: string;
  outputs: string[];
}

/** `promo jobs --json` as printed: waiting files and jobs (newest first). */
export async function showJobs(dir: WatchDir): Promise<{ waiting: WaitingFileView[]; jobs: JobView[] }> {
  const result = await runCli(['jobs', '--config', dir.config, '--json'], { cwd: dir.dir });
  if (result.code !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as { waiting: WaitingFileView[]; jobs: JobView[] };
}

/** The jobs of `promo jobs --json`, oldest first. */
export async function listJobs(dir: WatchDir): Promise<JobView[]> {
  return (await showJobs(dir)).jobs.reverse();
}

/** Names in a folder (empty when it does not exist). */
export async function namesIn(folder: string): Promise<string[]> {
  return existsSync(folder) ? (await readdir(folder)).sort() : [];
}

/** Every `.promo-tmp-*` file under a folder. */
export async function tempFilesIn(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (d: string) => {
    for (const entry of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      if (entry.name.startsWith('.promo-tmp-')) found.push(join(d, entry.name));
      else if (entry.isDirectory()) await walk(join(d, entry.name));
    }
  };
  await walk(folder);
  return found;
}

export { REPO };
