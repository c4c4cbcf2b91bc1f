// promo watch with real folders, real files and real renders, run as a subprocess.
import { copyFile, mkdir, open, readFile, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '../helpers/fixtures.ts';
import { listJobs, makeWatchDir, namesIn, showJobs, startWatch, tempFilesIn, waitFor } from '../helpers/watch-dir.ts';

let clipA: string;
let clipB: string;
let slowSource: string;

beforeAll(async () => {
  [clipA, clipB, slowSource] = await Promise.all([
    makeVideo({ width: 320, height: 180, duration: 2 }),
    makeVideo({ width: 320, height: 180, duration: 2, fps: 25 }),
    makeVideo({ width: 1280, height: 720, duration: 10, faststart: true }),
  ]);
});

const spec = (products: object[], extra: object = {}) => ({
  stream: { title: 'watch test' },
  products,
  outputs: [{ name: 'tiny', width: 160, height: 160 }],
  intro: false,
  outro: false,
  quality: 'draft',
  ...extra,
});
const product = (sku: string, out = 1.5) => ({ sku, clips: [{ in: 0, out }] });

describe('promo watch', () => {
  it('renders files dropped while it was stopped, fails what it cannot use, renders the same content once', async () => {
    const dir = await makeWatchDir(spec([product('P1'), product('P2'), product('P3')]));
    const first = startWatch(dir, ['--once']);
    expect(await first.exited).toBe(0); // creates the inbox folders, nothing to do
    await copyFile(clipA, join(dir.inbox, 'P1.mp4'));
    await copyFile(clipA, join(dir.inbox, 'p1_take2.mp4')); // same content, another name
    await copyFile(clipB, join(dir.inbox, 'P2 手机竖拍.mp4'));
    await copyFile(clipB, join(dir.inbox, 'unknown.mp4'));
    await writeFile(join(dir.inbox, 'P3_bad.mp4'), Buffer.from('not a video at all '.repeat(4000)));
    await writeFile(join(dir.inbox, 'P3_empty.mp4'), '');
    await symlink('/etc/hostname', join(dir.inbox, 'P3-link.mp4'));
    await writeFile(join(dir.inbox, 'P3.mp4.part'), 'still downloading');
    await writeFile(join(dir.inbox, 'P3.srt'), '1\n00:00:00,000 --> 00:00:01,000\nhi\n');

    const run = startWatch(dir, ['--once']);
    expect(await run.exited, run.log()).toBe(0);
    const log = run.log();

    expect(await namesIn(join(dir.out, 'P1'))).toEqual(['tiny.jpg', 'tiny.mp4']);
    expect(await namesIn(join(dir.out, 'P2'))).toEqual(['tiny.jpg', 'tiny.mp4']);
    expect(existsSync(join(dir.out, 'P3'))).toBe(false);
    expect(await namesIn(join(dir.inbox, 'done'))).toEqual(['P1.mp4', 'P2 手机竖拍.mp4', 'p1_take2.mp4']);
    expect(await namesIn(join(dir.inbox, 'failed'))).toEqual([
      'P3-link.mp4', 'P3-link.mp4.error.txt', 'P3.srt', 'P3.srt.error.txt', 'P3_bad.mp4', 'P3_bad.mp4.error.txt',
      'P3_empty.mp4', 'P3_empty.mp4.error.txt', 'unknown.mp4', 'unknown.mp4.error.txt',
    ]);
    // Only the temporary download is left in the inbox; outputs never land there.
    expect((await namesIn(dir.inbox)).filter((n) => !['done', 'failed', '.promo-work'].includes(n))).toEqual(['P3.mp4.part']);
    expect(await readFile(join(dir.inbox, 'failed', 'unknown.mp4.error.txt'), 'utf8')).toMatch(/matches no product .*start with a SKU \(P1, P2, P3\)/);
    expect(await readFile(join(dir.inbox, 'failed', 'P3-link.mp4.error.txt'), 'utf8')).toMatch(/outside the inbox/);
    expect(await readFile(join(dir.inbox, 'failed', 'P3_bad.mp4.error.txt'), 'utf8')).toMatch(/not an MP4/);
    expect(await readFile(join(dir.inbox, 'failed', 'P3_empty.mp4.error.txt'), 'utf8')).toMatch(/empty/);
    expect(await readFile(join(dir.inbox, 'failed', 'P3.srt.error.txt'), 'utf8')).toMatch(/is not footage/);
    expect(existsSync('/etc/hostname')).toBe(true);

    const jobs = await listJobs(dir);
    const byName = Object.fromEntries(jobs.map((j) => [j.fileName, j]));
    // P1.mp4 and p1_take2.mp4 have the same content: whichever was taken first renders, the other
    // is its duplicate.
    const [original, duplicate] = byName['P1.mp4']!.state === 'duplicate' ? [byName['p1_take2.mp4'], byName['P1.mp4']] : [byName['P1.mp4'], byName['p1_take2.mp4']];
    expect(jobs.filter((j) => j.state === 'done').map((j) => j.fileName).sort()).toEqual([original!.fileName, 'P2 手机竖拍.mp4'].sort());
    expect(duplicate!.state).toBe('duplicate');
    expect(duplicate!.duplicateOf).toBe(original!.id);
    expect(log).toMatch(/same content as job/);
    // Rendered once: the manifest has P1 once, and one render job for it.
    const manifest = JSON.parse(await readFile(join(dir.out, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.filter((a: { sku: string; kind: string }) => a.sku === 'P1' && a.kind === 'video')).toHaveLength(1);
  });

  it('an unexpected error in a job puts the original in failed/ with a note, never leaves it in the work folder', async () => {
    const dir = await makeWatchDir(spec([product('P1')]));
    // A real fault outside the footage: the output folder's own bookkeeping folder is a file.
    await mkdir(dir.out, { recursive: true });
    await writeFile(join(dir.out, '.promo'), 'not a folder');
    const first = startWatch(dir, ['--once']);
    expect(await first.exited).toBe(0); // creates the inbox folders
    await copyFile(clipA, join(dir.inbox, 'P1.mp4'));
    const run = startWatch(dir, ['--once']);
    expect(await run.exited, run.log()).toBe(0);
    expect(run.log()).toMatch(/P1\.mp4: job #1 failed unexpectedly/);
    expect(await namesIn(join(dir.inbox, '.promo-work'))).toEqual([]);
    expect(await namesIn(join(dir.inbox, 'failed'))).toEqual(['P1.mp4', 'P1.mp4.error.txt']);
    expect(await readFile(join(dir.inbox, 'failed', 'P1.mp4'))).toEqual(await readFile(clipA));
    const note = await readFile(join(dir.inbox, 'failed', 'P1.mp4.error.txt'), 'utf8');
    expect(note).toMatch(/^P1\.mp4\n/);
    expect(note).toMatch(/promo failed unexpectedly: .*\.promo/);
    expect(note).toMatch(/not necessarily in the file.*drop the file again/);
    const jobs = await listJobs(dir);
    expect(jobs.map((j) => [j.fileName, j.state])).toEqual([['P1.mp4', 'failed']]);
    expect(jobs[0]!.error).toMatch(/unexpectedly/);
  });

  it('waits for a copy that pauses longer than settle, then renders it once', async () => {
    const dir = await makeWatchDir(spec([product('P1', 9.5)]), { settle: '1s' });
    const watch = startWatch(dir);
    await waitFor(() => watch.log().includes('watching'), 'the watcher to start');
    // A faststart MP4 copied in three chunks, each pause lasting until the watcher has settled on
    // the partial file and listed it as waiting at that size: a cut-off faststart file probes as
    // the whole video, so only the structure check keeps it from being taken early.
    const bytes = await readFile(slowSource);
    const handle = await open(join(dir.inbox, 'P1.mp4'), 'w');
    const third = Math.floor(bytes.length / 3);
    for (const [start, end] of [[0, third], [third, 2 * third], [2 * third, bytes.length]] as const) {
      await handle.write(bytes.subarray(start, end), 0, end - start, start);
      await handle.sync();
      if (end < bytes.length) {
        await waitFor(async () => (await showJobs(dir)).waiting.some((w) => w.fileName === 'P1.mp4' && w.size === end),
          `promo jobs to list P1.mp4 as waiting at ${end} bytes`, 60_000);
      }
    }
    await handle.close();
    await waitFor(async () => (await namesIn(join(dir.inbox, 'done'))).includes('P1.mp4'), 'the job to finish', 120_000);
    watch.child.kill('SIGTERM');
    expect(await watch.exited).toBe(0);
    expect(watch.log()).toMatch(/P1\.mp4: waiting, not complete yet/);
    const jobs = await listJobs(dir);
    expect(jobs.map((j) => [j.fileName, j.state])).toEqual([['P1.mp4', 'done']]);
    expect(existsSync(join(dir.out, 'P1', 'tiny.mp4'))).toBe(true);
  });

  it('after kill -9 mid-render, the restarted watcher runs the job again exactly once and leaves no temp files', async () => {
    const dir = await makeWatchDir(spec([product('LONG', 9.5)], { outputs: ['douyin'], quality: 'high' }));
    const watch = startWatch(dir);
    await waitFor(() => watch.log().includes('watching'), 'the watcher to start');
    await copyFile(slowSource, join(dir.inbox, 'LONG.mp4'));
    await waitFor(async () => (await tempFilesIn(dir.out)).length > 0, 'the render to start', 60_000);
    watch.child.kill('SIGKILL');
    await watch.exited;
    expect((await listJobs(dir)).map((j) => j.state)).toEqual(['running']);

    // Draft quality for a quick second run; the job itself is the same.
    await writeFile(dir.spec, (await readFile(dir.spec, 'utf8')).replace('quality: high', 'quality: draft'));
    const again = startWatch(dir, ['--once']);
    expect(await again.exited, again.log()).toBe(0);
    expect(again.log()).toMatch(/job #1 \(LONG\.mp4\) was interrupted by a crash; it runs again/);
    const jobs = await listJobs(dir);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ fileName: 'LONG.mp4', state: 'done', attempts: 2 });
    expect(await tempFilesIn(dir.out)).toEqual([]);
    expect(await namesIn(join(dir.inbox, 'done'))).toEqual(['LONG.mp4']);
    expect(await namesIn(join(dir.inbox, '.promo-work'))).toEqual([]);
    expect(existsSync(join(dir.out, 'LONG', 'douyin.mp4'))).toBe(true);
  });

  it('on SIGTERM stops taking files, puts the running job back and exits cleanly; the next start finishes it', async () => {
    const dir = await makeWatchDir(spec([product('LONG', 9.5)], { outputs: ['douyin'], quality: 'high' }));
    const watch = startWatch(dir);
    await waitFor(() => watch.log().includes('watching'), 'the watcher to start');
    await copyFile(slowSource, join(dir.inbox, 'LONG.mp4'));
    await waitFor(async () => (await tempFilesIn(dir.out)).length > 0, 'the render to start', 60_000);
    watch.child.kill('SIGTERM');
    expect(await watch.exited).toBe(0);
    expect(watch.log()).toMatch(/put back/);
    expect((await listJobs(dir)).map((j) => j.state)).toEqual(['queued']);
    expect(await tempFilesIn(dir.out)).toEqual([]);
    await writeFile(dir.spec, (await readFile(dir.spec, 'utf8')).replace('quality: high', 'quality: draft'));
    const again = startWatch(dir, ['--once']);
    expect(await again.exited, again.log()).toBe(0);
    expect((await listJobs(dir)).map((j) => [j.state, j.attempts])).toEqual([['done', 1]]);
  });

  it('picks up spec edits for the next file, and keeps the last valid spec when an edit is broken', async () => {
    const dir = await makeWatchDir(spec([product('P1')]));
    const watch = startWatch(dir);
    await waitFor(() => watch.log().includes('watching'), 'the watcher to start');
    const valid = await readFile(dir.spec, 'utf8');
    await writeFile(dir.spec, `${valid}\nbogus: [unclosed\n`);
    await copyFile(clipA, join(dir.inbox, 'P1.mp4'));
    await waitFor(async () => (await namesIn(join(dir.inbox, 'done'))).includes('P1.mp4'), 'P1 to be rendered');
    expect(watch.log()).toMatch(/spec\.yaml was edited but is not valid; still using the previous version/);
    expect(watch.log()).toMatch(/spec\.yaml:\d+:\d+/);

    await writeFile(dir.spec, valid.replace('products:', 'products:\n  - sku: NEW-9\n    clips: [{ in: 0, out: 1 }]'));
    await copyFile(clipB, join(dir.inbox, 'NEW-9.mp4'));
    await waitFor(async () => (await namesIn(join(dir.inbox, 'done'))).includes('NEW-9.mp4'), 'NEW-9 to be rendered');
    expect(watch.log()).toMatch(/reloaded/);
    watch.child.kill('SIGINT');
    expect(await watch.exited).toBe(0);
    expect(existsSync(join(dir.out, 'NEW-9', 'tiny.mp4'))).toBe(true);
  });
});
