// promo watch (a real subprocess, real renders) with footage other than MP4, and with one clip
// shared by two products.
import { copyFile, open, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeStill, makeVideo } from '../helpers/fixtures.ts';
import { listJobs, makeWatchDir, namesIn, startWatch, waitFor } from '../helpers/watch-dir.ts';

let clip: string;
let mkv: string;
let webp: string;
let jpg: string;

beforeAll(async () => {
  [clip, mkv, webp, jpg] = await Promise.all([
    makeVideo({ width: 320, height: 180, duration: 2 }),
    makeVideo({ width: 320, height: 180, duration: 2, container: 'mkv' }),
    makeStill({ width: 320, height: 240, format: 'webp' }),
    makeStill({ width: 320, height: 240, format: 'jpg' }),
  ]);
});

const spec = (products: object[]) => ({
  stream: { title: 'watch footage test' },
  products,
  outputs: [{ name: 'tiny', width: 160, height: 160 }],
  intro: false,
  outro: false,
  quality: 'draft',
});

describe('promo watch footage', () => {
  it('takes a WebP still, a JPEG with a trailer, and a Matroska file only once it is whole', async () => {
    const dir = await makeWatchDir(spec([
      { sku: 'W1', clips: [{ duration: 1 }] },
      { sku: 'J1', clips: [{ duration: 1 }] },
      { sku: 'M1', clips: [{ in: 0, out: 1.5 }] },
    ]));
    const watch = startWatch(dir);
    await waitFor(() => watch.log().includes('watching'), 'the watcher to start');
    await copyFile(webp, join(dir.inbox, 'W1.webp'));
    // A motion photo: the JPEG, then the video after its end-of-image marker.
    await writeFile(join(dir.inbox, 'J1 motion.jpg'), Buffer.concat([await readFile(jpg), await readFile(clip)]));
    // Half of the Matroska file, then a pause longer than `settle`: ffprobe reads it as the whole
    // video, so only its element sizes show that it is not complete.
    const bytes = await readFile(mkv);
    const half = Math.floor(bytes.length / 2);
    const handle = await open(join(dir.inbox, 'M1.mkv'), 'w');
    await handle.write(bytes.subarray(0, half), 0, half, 0);
    await handle.sync();
    await waitFor(() => /M1\.mkv: waiting, not complete yet \(the Segment needs/.test(watch.log()), 'the half Matroska file to be found incomplete', 30_000);
    await handle.write(bytes.subarray(half), 0, bytes.length - half, half);
    await handle.close();

    await waitFor(async () => (await namesIn(join(dir.inbox, 'done'))).length === 3, 'all three files in done/', 120_000);
    watch.child.kill('SIGTERM');
    expect(await watch.exited, watch.log()).toBe(0);
    expect(await namesIn(join(dir.inbox, 'done'))).toEqual(['J1 motion.jpg', 'M1.mkv', 'W1.webp']);
    expect(await namesIn(join(dir.inbox, 'failed'))).toEqual([]);
    for (const sku of ['W1', 'J1', 'M1']) expect(existsSync(join(dir.out, sku, 'tiny.mp4')), sku).toBe(true);
    const jobs = await listJobs(dir);
    expect(jobs.map((j) => [j.fileName, j.state, j.attempts]).sort()).toEqual([['J1 motion.jpg', 'done', 1], ['M1.mkv', 'done', 1], ['W1.webp', 'done', 1]]);
  });

  it('renders one clip dropped for two products for both, and the same clip twice for one product once', async () => {
    const dir = await makeWatchDir(spec([
      { sku: 'TEA-001', clips: [{ in: 0, out: 1.5 }] },
      { sku: 'CUP-002', clips: [{ in: 0, out: 1.5 }] },
    ]));
    const first = startWatch(dir, ['--once']);
    expect(await first.exited).toBe(0); // creates the inbox folders
    for (const name of ['TEA-001.mp4', 'CUP-002.mp4', 'tea-001_take2.mp4']) await copyFile(clip, join(dir.inbox, name));
    const run = startWatch(dir, ['--once']);
    expect(await run.exited, run.log()).toBe(0);

    expect(await namesIn(join(dir.out, 'TEA-001'))).toEqual(['tiny.jpg', 'tiny.mp4']);
    expect(await namesIn(join(dir.out, 'CUP-002'))).toEqual(['tiny.jpg', 'tiny.mp4']);
    expect(await namesIn(join(dir.inbox, 'done'))).toEqual(['CUP-002.mp4', 'TEA-001.mp4', 'tea-001_take2.mp4']);
    const jobs = await listJobs(dir);
    const done = jobs.filter((j) => j.state === 'done');
    expect(done.map((j) => j.sku).sort()).toEqual(['CUP-002', 'TEA-001']);
    const duplicates = jobs.filter((j) => j.state === 'duplicate');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]!.sku).toBe('TEA-001');
    expect(duplicates[0]!.duplicateOf).toBe(done.find((j) => j.sku === 'TEA-001')!.id);
    expect(run.log()).toMatch(/same content as job #\d+ \((TEA-001|tea-001_take2)\.mp4\) for TEA-001/);
    const manifest = JSON.parse(await readFile(join(dir.out, 'manifest.json'), 'utf8'));
    const videos = manifest.artifacts.filter((a: { kind: string }) => a.kind === 'video').map((a: { sku: string }) => a.sku);
    expect(videos.sort()).toEqual(['CUP-002', 'TEA-001']);
  });
});
