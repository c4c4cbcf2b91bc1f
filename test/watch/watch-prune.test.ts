// The watcher's prune of the output folder, paced (at most once a minute): files dropped together
// are rendered without a prune after each, and `promo watch --once` prunes what they left unused
// before it exits.
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeWatchDir, namesIn, startWatch } from '../helpers/watch-dir.ts';

let takeA: string;
let takeB: string;

beforeAll(async () => {
  [takeA, takeB] = await Promise.all([
    makeVideo({ width: 320, height: 180, duration: 2, audio: 'stereo' }),
    makeVideo({ width: 320, height: 180, duration: 2, fps: 25, audio: 'stereo' }),
  ]);
});

describe('promo watch and the kept files', () => {
  it('prunes once the burst is rendered: the first take\'s files, unused after the second, are gone when --once exits', async () => {
    const dir = await makeWatchDir({
      stream: { title: 'paced prune' },
      products: [{ sku: 'P1', clips: [{ in: 0, out: 1.5 }] }],
      outputs: [{ name: 'tiny', width: 160, height: 160 }],
      intro: false,
      outro: false,
      quality: 'draft',
    });
    // A size cap of one byte: after a prune only what the current outputs use stays.
    const config = await readFile(dir.config, 'utf8');
    await writeFile(dir.config, `${config}${stringify({ cache: { maxSize: 1, maxAge: 'off' } })}`);
    const first = startWatch(dir, ['--once']);
    expect(await first.exited).toBe(0); // makes the inbox folders
    // Two takes of one product: the second rendered replaces the first's outputs.
    await copyFile(takeA, join(dir.inbox, 'P1 take 1.mp4'));
    await copyFile(takeB, join(dir.inbox, 'P1 take 2.mp4'));
    const run = startWatch(dir, ['--once']);
    expect(await run.exited, run.log()).toBe(0);
    expect(await namesIn(join(dir.inbox, 'done'))).toEqual(['P1 take 1.mp4', 'P1 take 2.mp4']);
    // Each take had its own loudness measurement and cover frames; one of each is left, the one
    // the current output was made with.
    const loudness = await readdir(join(dir.out, '.promo', 'loudness'));
    expect(loudness).toHaveLength(1);
    const uses = await readFile(join(dir.out, '.promo', 'kept-uses.json'), 'utf8');
    expect(uses).toContain(`.promo/loudness/${loudness[0]}`);
    expect(run.log()).toMatch(/pruned \d+ kept files? no current output uses/);
  }, 120_000);
});
