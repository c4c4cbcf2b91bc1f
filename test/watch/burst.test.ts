// 200 one-second files dropped at once: every one rendered, none twice, memory bounded.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDistinctCopies } from '../helpers/distinct-copies.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { listJobs, makeWatchDir, namesIn, startWatch, waitFor } from '../helpers/watch-dir.ts';

const COUNT = 200;
const sku = (i: number) => `P${String(i + 1).padStart(3, '0')}`;
let clip: string;

beforeAll(async () => {
  clip = await makeVideo({ width: 160, height: 90, duration: 1, audio: 'stereo' });
});

describe('a burst of files', () => {
  it(`renders ${COUNT} files dropped at once, each exactly once, with bounded memory`, async () => {
    const dir = await makeWatchDir({
      stream: { title: 'burst' },
      products: Array.from({ length: COUNT }, (_, i) => ({ sku: sku(i), clips: [{ in: 0, out: 0.8 }] })),
      outputs: [{ name: 'tiny', width: 64, height: 64 }],
      intro: false,
      outro: false,
      quality: 'draft',
    }, { settle: '300ms' });
    const watch = startWatch(dir);
    await waitFor(() => watch.log().includes('watching'), 'the watcher to start');
    const staging = join(dir.dir, 'staging');
    await mkdir(staging);
    const files = await writeDistinctCopies(clip, staging, COUNT, (i) => `${sku(i)}.mp4`);
    // "At once": renames into the inbox are instant and complete.
    const { rename } = await import('node:fs/promises');
    await Promise.all(files.map((file, i) => rename(file, join(dir.inbox, `${sku(i)}.mp4`))));

    let peakKiB = 0;
    const poll = setInterval(async () => {
      const status = await readFile(`/proc/${watch.child.pid}/status`, 'utf8').catch(() => '');
      peakKiB = Math.max(peakKiB, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    }, 200);
    await waitFor(async () => (await namesIn(join(dir.inbox, 'done'))).length === COUNT, `${COUNT} files in done/`, 900_000);
    clearInterval(poll);
    watch.child.kill('SIGTERM');
    expect(await watch.exited).toBe(0);

    const jobs = await listJobs(dir);
    expect(jobs).toHaveLength(COUNT);
    expect(jobs.every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
    expect(new Set(jobs.map((j) => j.sku)).size).toBe(COUNT);
    const manifest = JSON.parse(await readFile(join(dir.out, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.filter((a: { kind: string }) => a.kind === 'video')).toHaveLength(COUNT);
    expect(manifest.failures).toEqual([]);
    expect(await namesIn(join(dir.inbox, 'failed'))).toEqual([]);
    // The watcher's own memory stays bounded (the renders run in ffmpeg).
    expect(peakKiB / 1024).toBeLessThan(400);
    // As long as the wait for done/ allows: 200 renders took 45 s on a quiet machine and over 180 s
    // (the suite's default) under load 20, which failed CI on the clock alone.
  }, 960_000);
});
