// Benchmarks of the BullMQ queue (queue.backend: bullmq): render jobs per minute with one and two
// `promo worker` processes on this machine, and the queue's own overhead per job (empty jobs:
// submit, take, finish, the event back) against the local runner's. Redis: PROMO_TEST_REDIS_URL,
// else one started here through scripts/start-test-redis.sh and stopped at the end.
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { copyFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { BullmqJobRunner } from '../src/queue/bullmq-job-runner.ts';
import type { JobInput, JobRunner } from '../src/queue/job-runner.ts';
import { LocalJobRunner } from '../src/queue/local-job-runner.ts';
import { median, makeSource } from './bench-tools.ts';

const RENDERS = 12;
const EMPTY = 200;
const sku = (i: number) => `Q${String(i + 1).padStart(3, '0')}`;

/** Runs both queue benchmarks (11 and 12); returns the report. */
export async function benchQueue(repo: string, work: string, runs: number): Promise<string> {
  const redis = startRedis(repo);
  try {
    const perMinute = [];
    for (const workers of [1, 2]) perMinute.push(await jobsPerMinute(repo, work, redis.url, workers, runs));
    const overhead = await overheadPerJob(work, redis.url, runs);
    return [
      `11. render jobs per minute (${RENDERS} draft renders of 0.8 s at 360×640), promo workers on this machine`,
      `  1 worker                     median ${median(perMinute[0]!).toFixed(1)} jobs/min   (runs: ${perMinute[0]!.map((x) => x.toFixed(1)).join(' ')})`,
      `  2 workers                    median ${median(perMinute[1]!).toFixed(1)} jobs/min   (runs: ${perMinute[1]!.map((x) => x.toFixed(1)).join(' ')})`,
      `  ratio ${(median(perMinute[1]!) / median(perMinute[0]!)).toFixed(3)} (2 cores: each render already uses both)`,
      '',
      `12. queue overhead per job (${EMPTY} empty jobs, concurrency 1)`,
      `  bullmq                       median ${median(overhead.bullmq).toFixed(2)} ms/job   (runs: ${overhead.bullmq.map((x) => x.toFixed(2)).join(' ')})`,
      `  local (SQLite)               median ${median(overhead.local).toFixed(2)} ms/job   (runs: ${overhead.local.map((x) => x.toFixed(2)).join(' ')})`,
      `  bullmq − local ${(median(overhead.bullmq) - median(overhead.local)).toFixed(2)} ms/job   target < 50 ms`,
    ].join('\n');
  } finally {
    redis.stop();
  }
}

function startRedis(repo: string): { url: string; stop(): void } {
  if (process.env.PROMO_TEST_REDIS_URL) return { url: process.env.PROMO_TEST_REDIS_URL, stop: () => {} };
  const out = execFileSync('bash', [join(repo, 'scripts', 'start-test-redis.sh')], { encoding: 'utf8' });
  const vars = Object.fromEntries([...out.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  return {
    url: vars.PROMO_TEST_REDIS_URL!,
    stop: () => {
      process.kill(Number(vars.PROMO_TEST_REDIS_PID));
      rmSync(vars.PROMO_TEST_REDIS_DIR!, { recursive: true, force: true });
    },
  };
}

async function clearPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
}

/** Jobs per minute: RENDERS jobs submitted, then `workers` promo workers started, until all are done. */
async function jobsPerMinute(repo: string, work: string, url: string, workers: number, runs: number): Promise<number[]> {
  const source = await makeSource(work, 'queue-source.mp4', 2, 60);
  const results: number[] = [];
  for (let run = 0; run < runs; run++) {
    const dir = join(work, 'queue-workers');
    const prefix = `bench-${workers}-${run}`;
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, 'inbox', '.work'), { recursive: true });
    await clearPrefix(url, prefix);
    const spec = join(dir, 'spec.yaml');
    await writeFile(spec, stringify({
      stream: { title: 'queue bench' },
      products: Array.from({ length: RENDERS }, (_, i) => ({ sku: sku(i), clips: [{ in: 0, out: 0.8 }] })),
      outputs: [{ name: 'small', width: 360, height: 640 }], intro: false, outro: false, quality: 'draft',
    }));
    const config = join(dir, 'config.yaml');
    await writeFile(config, stringify({ out: 'out', state: '.promo/state.db', render: { concurrency: 1 }, queue: { backend: 'bullmq', redis: url, prefix } }));
    const runner = new BullmqJobRunner({ redis: { url, shown: url }, prefix, inboxes: [], concurrency: 1, lockSeconds: 60 });
    for (let i = 0; i < RENDERS; i++) {
      const footage = join(dir, 'inbox', '.work', `${sku(i)}.mp4`);
      await copyFile(source, footage);
      const info = await stat(footage);
      await runner.submit({ inbox: join(dir, 'inbox'), spec, fileName: `${sku(i)}.mp4`, contentSha256: `${i}`.padStart(64, '0'), size: info.size, mtimeMs: info.mtimeMs, sku: sku(i), footage });
    }
    const started = performance.now();
    const children = Array.from({ length: workers }, () => spawn(process.execPath, [join(repo, 'bin', 'promo.js'), 'worker', '--config', config, '--concurrency', '1'], { cwd: dir, stdio: 'ignore' }));
    while ((await runner.list({ states: ['done', 'failed'], limit: RENDERS })).length < RENDERS) await new Promise((resolve) => setTimeout(resolve, 100));
    const minutes = (performance.now() - started) / 60_000;
    const failed = await runner.list({ states: ['failed'] });
    if (failed.length > 0) throw new Error(`queue bench: ${failed.length} jobs failed: ${failed[0]!.error}`);
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => child.once('close', resolve))));
    await runner.close();
    await clearPrefix(url, prefix);
    results.push(RENDERS / minutes);
  }
  return results;
}

/** ms per empty job, submit to the end reported, for each runner (alternating). */
async function overheadPerJob(work: string, url: string, runs: number): Promise<{ bullmq: number[]; local: number[] }> {
  const bullmq: number[] = [];
  const local: number[] = [];
  for (let run = 0; run < runs; run++) {
    const prefix = `bench-overhead-${run}`;
    await clearPrefix(url, prefix);
    bullmq.push(await timeEmptyJobs((onEvent) => new BullmqJobRunner({ redis: { url, shown: url }, prefix, inboxes: ['/in'], concurrency: 1, lockSeconds: 60, onEvent })));
    await clearPrefix(url, prefix);
    const state = join(work, `queue-overhead-${run}.db`);
    await rm(state, { force: true });
    local.push(await timeEmptyJobs((onEvent) => LocalJobRunner.open(state, { inboxes: ['/in'], concurrency: 1, onEvent })));
    await rm(state, { force: true });
  }
  return { bullmq, local };
}

async function timeEmptyJobs(open: (onEvent: () => void) => JobRunner): Promise<number> {
  let ended = 0;
  const runner = open(() => { ended += 1; });
  const input = (i: number): JobInput => ({ inbox: '/in', spec: '/s.yaml', fileName: `${i}.mp4`, contentSha256: `${i}`.padStart(64, 'e'), size: 1, mtimeMs: 1, sku: sku(i), footage: `/f/${i}.mp4` });
  await runner.list({ limit: 1 }); // connected before the clock starts
  runner.start(async () => ({ state: 'done', outputs: [] }));
  const started = performance.now();
  for (let i = 0; i < EMPTY; i++) await runner.submit(input(i));
  await runner.idle();
  const ms = (performance.now() - started) / EMPTY;
  await runner.stop();
  await runner.close();
  if (ended < EMPTY) throw new Error(`queue bench: only ${ended} of ${EMPTY} job events`);
  return ms;
}
