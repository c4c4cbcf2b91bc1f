// Overlay images (captions, price badge, logo) are kept in <out>/.promo/images/ and product covers
// in <out>/.promo/covers/ under their content keys: a second render (even with --force) draws none
// of them again and makes the very same video and cover as a render that drew them fresh; a
// caption edit draws that caption only (the cover shows no caption); a kept file that is not a
// whole PNG or JPEG is drawn again instead of being used; the reel's cover card (no intro in the
// videos) is kept the same way.
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeStill, makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir, runCli, TINY_SQUARE, type SpecDir } from '../helpers/spec-dir.ts';

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

const spec = (caption: string, price = 39) => ({
  stream: { title: 'kept images' },
  brand: { logo: 'logo.png', color: '#E60012' },
  products: [{ sku: 'TEA-001', price, footage: 'tea.mp4', clips: [{ in: 0, out: 2, caption }] }],
  outputs: [{ ...TINY_SQUARE, logo: true }],
  intro: false,
  outro: false,
  reel: false,
  quality: 'draft',
});

describe('kept overlay images', () => {
  let dir: SpecDir;
  const images = () => join(dir.out, '.promo', 'images');
  /** name → inode of every kept image (a file written again gets a new one; a reuse only sets its mtime). */
  const kept = async () => Object.fromEntries(await Promise.all((await readdir(images())).sort().map(async (name) => [name, (await stat(join(images(), name))).ino] as const)));
  const covers = () => readdir(join(dir.out, '.promo', 'covers'));
  /** The sha256 of the video and of the cover. */
  const render = async (out = dir.out) => {
    const result = await runCli(['render', dir.spec, '--config', dir.config, '--force', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    return `${await sha256(join(out, 'TEA-001', 'tiny.mp4'))} ${await sha256(join(out, 'TEA-001', 'tiny.jpg'))}`;
  };

  beforeAll(async () => {
    const [footage, logo] = await Promise.all([
      makeVideo({ width: 320, height: 180, duration: 2, audio: 'stereo' }),
      makeStill({ width: 128, height: 64, format: 'png' }),
    ]);
    dir = await makeSpecDir(spec('明前龙井 鲜爽回甘'), { files: { 'tea.mp4': footage, 'logo.png': logo } });
  });

  it('draws each image once, and a kept image makes the same video as a fresh one', async () => {
    const first = await render();
    const drawn = await kept();
    const names = Object.keys(drawn);
    expect(names.filter((n) => n.startsWith('caption-'))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('badge-'))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('logo-'))).toHaveLength(1);
    expect(names.every((n) => n.endsWith('.png'))).toBe(true);
    expect(await covers()).toHaveLength(1);
    const coverInode = (await stat(join(dir.out, '.promo', 'covers', (await covers())[0]!))).ino;

    // --force renders again but draws nothing: every kept file is the one written first.
    expect(await render()).toBe(first);
    expect(await kept()).toEqual(drawn);
    expect((await stat(join(dir.out, '.promo', 'covers', (await covers())[0]!))).ino).toBe(coverInode);

    // A render into a fresh folder draws everything anew: the same video.
    expect(await render(join(dir.dir, 'fresh'))).toBe(first);

    // One caption edited: only a new caption is drawn; badge, logo and the old caption stay as they were.
    await writeFile(dir.spec, stringify(spec('今晚直播价只要¥39')));
    const [editedVideo, editedCover] = (await render()).split(' ');
    const [firstVideo, firstCover] = first.split(' ');
    expect(editedVideo).not.toBe(firstVideo);
    expect(editedCover).toBe(firstCover);
    expect(await covers()).toHaveLength(1);
    const after = await kept();
    expect(Object.keys(after)).toHaveLength(names.length + 1);
    for (const name of names) expect(after[name]).toBe(drawn[name]);

    // A new price is on the cover (its badge): a new cover is drawn, not the kept one used.
    await writeFile(dir.spec, stringify(spec('今晚直播价只要¥39', 59)));
    expect((await render()).split(' ')[1]).not.toBe(editedCover);
    expect(await covers()).toHaveLength(2);
  });

  it('draws again over a kept file that is not a whole PNG or JPEG', async () => {
    await writeFile(dir.spec, stringify(spec('明前龙井 鲜爽回甘')));
    // Only this spec's images kept: the first test left a second badge (price 59), which this
    // render does not use, and readdir's order decided which of the two was spoiled.
    await rm(join(dir.out, '.promo', 'covers'), { recursive: true });
    await rm(images(), { recursive: true });
    const first = await render();
    expect((await readdir(images())).filter((n) => n.startsWith('badge-'))).toHaveLength(1);
    const badge = (await readdir(images())).find((n) => n.startsWith('badge-'))!;
    await writeFile(join(images(), badge), 'not a png');
    const cover = join(dir.out, '.promo', 'covers', (await covers())[0]!);
    const whole = await readFile(cover);
    await writeFile(cover, whole.subarray(0, whole.length >> 1));
    expect(await render()).toBe(first);
    expect((await readFile(join(images(), badge))).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(await readFile(cover)).toEqual(whole);
  });

  it('keeps the reel cover card drawn when the videos have no intro, the same bytes as a fresh one', async () => {
    await writeFile(dir.spec, stringify({ ...spec('明前龙井 鲜爽回甘'), reel: true }));
    const reelCover = async (out = dir.out) => {
      const result = await runCli(['render', dir.spec, '--config', dir.config, '--force', '--only', 'reel', '--out', out]);
      expect(result.code, result.stderr).toBe(0);
      return sha256(join(out, 'reel', 'tiny.jpg'));
    };
    await rm(join(dir.out, '.promo', 'covers'), { recursive: true, force: true });
    const first = await reelCover();
    const [card] = await covers();
    const inode = (await stat(join(dir.out, '.promo', 'covers', card!))).ino;
    expect(await reelCover()).toBe(first);
    expect(await covers()).toEqual([card]);
    expect((await stat(join(dir.out, '.promo', 'covers', card!))).ino).toBe(inode);
    expect(await reelCover(join(dir.dir, 'fresh-reel'))).toBe(first);
  });
});
