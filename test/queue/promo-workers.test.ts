// `promo worker` processes on a real Redis, fed by `promo watch` (queue.backend: bullmq): twenty
// files rendered by two workers, one of them SIGKILLed mid-job (its job is taken over by the other
// once its lock runs out), every job done exactly once with valid outputs; and a worker that cannot
// see a job's paths fails it clearly instead of rendering.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify, parse } from 'yaml';
import { BullmqJobRunner } from '../../src/queue/bullmq-job-runner.ts';
import { writeDistinctCopies } from '../helpers/distinct-copies.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { probeFile } from '../helpers/media-assert.ts';
import { PROMO_BIN } from '../helpers/spec-dir.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { TEST_REDIS_URL, testQueuePrefix } from '../helpers/test-redis.ts';
import { listJobs, makeWatchDir, namesIn, startWatch, waitFor, type WatchDir } from '../helpers/watch-dir.ts';

const COUNT = 20;
const sku = (i: number) => `P${String(i + 1).padStart(2, '0')}`;
let clip: string;

beforeAll(async () => {
  clip = await makeVideo({ width: 160, height: 90, duration: 1, audio: 'stereo' });
});

/** A watched project whose jobs go to a BullMQ queue of its own. */
async function makeQueuedDir(products: number): Promise<WatchDir> {
  const dir = await makeWatchDir({
    stream: { title: 'workers' },
    products: Array.from({ length: products }, (_, i) => ({ sku: sku(i), clips: [{ in: 0, out: 0.8 }] })),
    outputs: [{ name: 'tiny', width: 64, height: 64 }],
    intro: false,
    outro: false,
    quality: 'draft',
  }, { settle: '300ms' });
  const config = parse(await readFile(dir.config, 'utf8'));
  await writeFile(dir.config, stringify({ ...config, queue: { backend: 'bullmq', redis: TEST_REDIS_URL, prefix: testQueuePrefix(), lock: '3s' } }));
  return dir;
}

function startWorker(dir: WatchDir) {
  const child = spawnTracked(process.execPath, [PROMO_BIN, 'worker', '--config', dir.config, '--concurrency', '1', '--grace', '5'], { cwd: dir.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, log: () => log, exited };
}

describe.skipIf(!TEST_REDIS_URL)('promo worker', () => {
  it(`renders ${COUNT} files with two workers, one SIGKILLed mid-job: every job done exactly once`, async () => {
    const dir = await makeQueuedDir(COUNT);
    const a = startWorker(dir);
    const b = startWorker(dir);
    await waitFor(() => a.log().includes('taking jobs') && b.log().includes('taking jobs'), () => `both workers to start (${a.log()} ${b.log()})`);
    const watch = startWatch(dir);
    await waitFor(() => watch.log().includes('watching'), () => `the watcher to start (${watch.log()})`);
    const staging = join(dir.dir, 'staging');
    await mkdir(staging);
    const files = await writeDistinctCopies(clip, staging, COUNT, (i) => `${sku(i)}.mp4`);
    await Promise.all(files.map((file, i) => rename(file, join(dir.inbox, `${sku(i)}.mp4`))));

    // Machine gone: worker A and its ffmpeg die at once, in the middle of a job.
    await waitFor(() => /job #\S+ rendering/.test(a.log()), () => `worker A to take a job (A: ${a.log()}\nB: ${b.log().slice(-1500)}\nwatch: ${watch.log().slice(-1500)})`, 60_000);
    process.kill(-a.child.pid!, 'SIGKILL');
    await a.exited;
    const killed = [...a.log().matchAll(/job #(\S+) rendering/g)].at(-1)![1]!;
    expect(a.log()).not.toContain(`job #${killed} done`);

    await waitFor(async () => (await namesIn(join(dir.inbox, 'done'))).length === COUNT, () => `${COUNT} files in done/ (watch: ${watch.log().slice(-1500)})`, 600_000);
    watch.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await watch.exited).toBe(0);
    expect(await b.exited, b.log()).toBe(0);

    const jobs = await listJobs(dir);
    expect(jobs).toHaveLength(COUNT);
    expect(jobs.filter((j) => j.state !== 'done')).toEqual([]);
    expect(new Set(jobs.map((j) => j.sku)).size).toBe(COUNT);
    expect(jobs.find((j) => j.id === killed)).toMatchObject({ state: 'done', attempts: 2 });
    // Exactly once: each job reported done by one worker, one time.
    const doneLines = [...`${a.log()}${b.log()}`.matchAll(/job #(\S+) done/g)].map((m) => m[1]);
    expect(doneLines.sort()).toEqual(jobs.map((j) => j.id).sort());
    const manifest = JSON.parse(await readFile(join(dir.out, 'manifest.json'), 'utf8'));
    const videos = manifest.artifacts.filter((x: { kind: string }) => x.kind === 'video');
    expect(videos.map((v: { sku: string }) => v.sku).sort()).toEqual(Array.from({ length: COUNT }, (_, i) => sku(i)));
    expect(manifest.failures).toEqual([]);
    for (const video of videos) {
      const probe = await probeFile(join(dir.out, video.path));
      expect(probe.video[0], video.path).toMatchObject({ width: 64, height: 64 });
      expect(probe.format.duration!, video.path).toBeGreaterThan(0.5);
    }
  });

  it('fails a job whose footage folder this worker cannot see, saying so, and renders nothing', async () => {
    const dir = await makeQueuedDir(1);
    const { queue } = parse(await readFile(dir.config, 'utf8'));
    const runner = new BullmqJobRunner({ redis: { url: TEST_REDIS_URL!, shown: TEST_REDIS_URL! }, prefix: queue.prefix, inboxes: ['/mnt/elsewhere/inbox'], concurrency: 1, lockSeconds: 2 });
    try {
      const { job } = await runner.submit({
        inbox: '/mnt/elsewhere/inbox', spec: dir.spec, fileName: 'P01.mp4', contentSha256: 'e'.repeat(64), size: 1, mtimeMs: 1, sku: 'P01', footage: '/mnt/elsewhere/inbox/.work/P01.mp4',
      });
      const worker = startWorker(dir);
      // Retried with backoff (another worker may see the path), then failed with the reason.
      await waitFor(async () => (await runner.get(job.id))?.state === 'failed', () => `the job to fail (${worker.log()})`, 120_000);
      expect((await runner.get(job.id))!.error).toMatch(/the footage folder \/mnt\/elsewhere\/inbox\/\.work is not visible on worker \S+; mount the shared volume at the same path on every worker/);
      expect((await runner.get(job.id))!.attempts).toBe(3);
      expect(await namesIn(dir.out)).toEqual([]);
      worker.child.kill('SIGTERM');
      expect(await worker.exited, worker.log()).toBe(0);
    } finally {
      await runner.close();
    }
  });
});
