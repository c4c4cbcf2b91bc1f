// A file waiting in an inbox is visible: `promo jobs` (another process than `promo watch`) lists it
// with why it waits, since when and when it will be given up, until it is taken.
import { readFile, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '../helpers/fixtures.ts';
import { runCli } from '../helpers/spec-dir.ts';
import { makeWatchDir, namesIn, showJobs, startWatch, waitFor, type WatchDir } from '../helpers/watch-dir.ts';

let clip: Buffer;

beforeAll(async () => {
  clip = await readFile(await makeVideo({ width: 320, height: 180, duration: 2 }));
});

const spec = {
  stream: { title: 'waiting test' },
  products: [{ sku: 'P1', clips: [{ in: 0, out: 1.5 }] }],
  outputs: [{ name: 'tiny', width: 160, height: 160 }],
  intro: false,
  outro: false,
  quality: 'draft',
};

async function waitingNames(dir: WatchDir): Promise<string[]> {
  return (await showJobs(dir)).waiting.map((w) => w.fileName);
}

describe('promo jobs while a file waits in an inbox', () => {
  it('lists a truncated MP4 as waiting, with the reason and the times, until it is completed and rendered', async () => {
    const dir = await makeWatchDir(spec);
    const watch = startWatch(dir);
    try {
      await waitFor(() => watch.log().includes('watching'), 'the watcher to start');
      const cut = Math.floor(clip.length / 2);
      await writeFile(join(dir.inbox, 'P1.mp4'), clip.subarray(0, cut));
      await waitFor(async () => (await waitingNames(dir)).includes('P1.mp4'), () => `P1.mp4 to be listed as waiting (log: ${watch.log()})`);

      const { waiting, jobs } = await showJobs(dir);
      expect(jobs).toEqual([]);
      expect(waiting).toHaveLength(1);
      const file = waiting[0]!;
      expect(file).toMatchObject({ inbox: dir.inbox, fileName: 'P1.mp4', size: cut, watcherAlive: true });
      expect(file.reason).toMatch(new RegExp(`^the '\\w+' box needs \\d+ bytes, the file has ${cut} \\(still copying\\?\\)$`));
      // Given up `giveUp` (30 min by default) after it was first seen.
      expect(Date.parse(file.giveUpAt) - Date.parse(file.since)).toBe(30 * 60 * 1000);
      const table = await runCli(['jobs', '--config', dir.config], { cwd: dir.dir });
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/^waiting for files to become complete/);
      expect(table.stdout).toContain(`P1.mp4  inbox  ${file.since.replace('T', ' ').slice(0, 19)}  ${file.giveUpAt.replace('T', ' ').slice(0, 19)}  ${file.reason}`);

      await appendFile(join(dir.inbox, 'P1.mp4'), clip.subarray(cut));
      await waitFor(async () => (await namesIn(join(dir.inbox, 'done'))).includes('P1.mp4'), () => `P1.mp4 to be rendered (log: ${watch.log()})`, 120_000);
      const after = await showJobs(dir);
      expect(after.waiting).toEqual([]);
      expect(after.jobs.map((j) => [j.fileName, j.state])).toEqual([['P1.mp4', 'done']]);
    } finally {
      watch.child.kill('SIGTERM');
      await watch.exited;
    }
  });

  it('tells a waiting file of a watcher that was killed, and a stopped watcher leaves none', async () => {
    const dir = await makeWatchDir(spec);
    const first = startWatch(dir);
    await waitFor(() => first.log().includes('watching'), 'the watcher to start');
    await writeFile(join(dir.inbox, 'P1.mp4'), clip.subarray(0, 1000));
    await waitFor(async () => (await waitingNames(dir)).includes('P1.mp4'), 'P1.mp4 to be listed as waiting');
    first.child.kill('SIGKILL');
    await first.exited;
    expect((await showJobs(dir)).waiting.map((w) => [w.fileName, w.watcherAlive])).toEqual([['P1.mp4', false]]);
    const table = await runCli(['jobs', '--config', dir.config], { cwd: dir.dir });
    expect(table.stdout).toMatch(/P1\.mp4 .*promo watch is not running/);

    const second = startWatch(dir);
    await waitFor(async () => (await showJobs(dir)).waiting.some((w) => w.watcherAlive), 'the new watcher to list P1.mp4 as its own');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect((await showJobs(dir)).waiting).toEqual([]);
  });
});
