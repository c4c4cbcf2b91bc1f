// The kept cache's record of use is per output, and the prune's batches: after one product's
// caption edit (two products rendered side by side, render.concurrency 2), that product's old
// caption is unused while the other product's files, rendered in the same first run and left as
// they were by the second, stay in use; a prune of many files removes every victim when no promo
// works in the folder and none of the files a render opens by path while one does.
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeKeptCacheMedia } from '../helpers/kept-cache-media.ts';
import { makeSpecDir, runCli, TINY_SQUARE, type SpecDir } from '../helpers/spec-dir.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { fileSystemNow } from '../../src/util/file-system-now.ts';
import { tempPathFor } from '../../src/util/temp-path.ts';
import { pruneKeptCache } from '../../src/render/kept-cache/prune-kept-cache.ts';

const DAY = 86_400_000;

const spec = (tea: string, coffee: string) => ({
  stream: { title: 'per product' },
  brand: { logo: 'logo.png', color: '#E60012' },
  products: [
    { sku: 'TEA-001', price: 39, footage: 'tea.mp4', clips: [{ in: 0, out: 1, caption: tea }] },
    { sku: 'COF-002', price: 49, footage: 'tea.mp4', clips: [{ in: 1, out: 2, caption: coffee }] },
  ],
  outputs: [TINY_SQUARE],
  intro: false,
  outro: false,
  reel: false,
  quality: 'draft',
});

interface PruneJson { removed: { kind: string; path: string }[] }

describe('the kept cache, per product', () => {
  let footage: string;
  let logo: string;

  beforeAll(async () => {
    ({ footage, logo } = await makeKeptCacheMedia(3));
  }, 120_000);

  const cli = async (dir: SpecDir, args: string[]) => {
    const result = await runCli([...args, '--config', dir.config]);
    expect(result.code, result.stderr).toBe(0);
    return result;
  };
  const images = async (dir: SpecDir) => (await readdir(join(dir.out, '.promo', 'images'))).sort();
  const artifactOf = async (dir: SpecDir, sku: string) => {
    const manifest = JSON.parse(await readFile(join(dir.out, 'manifest.json'), 'utf8')) as { artifacts: { sku: string; kind: string; key: string; renderedAt: string; sha256: string }[] };
    const video = manifest.artifacts.find((a) => a.sku === sku && a.kind === 'video')!;
    return { key: video.key, renderedAt: video.renderedAt, sha256: video.sha256 };
  };
  const inodes = async (dir: SpecDir) => Promise.all((await images(dir)).map(async (n) => `${n}:${(await stat(join(dir.out, '.promo', 'images', n))).ino}`));

  it('after one product\'s caption edit, its old caption is unused and the other product\'s files stay used', async () => {
    const dir = await makeSpecDir(spec('明前龙井', '手冲咖啡'), {
      files: { 'tea.mp4': footage, 'logo.png': logo },
      config: { render: { concurrency: 2 }, cache: { maxSize: 'off', maxAge: 'off' } },
    });
    await cli(dir, ['render', dir.spec]);
    const first = await images(dir);
    const coffeeBefore = await artifactOf(dir, 'COF-002');
    await writeFile(dir.spec, stringify(spec('今晚直播价', '手冲咖啡')));
    await cli(dir, ['render', dir.spec]);
    // The coffee's output was left as it was (cached), the tea's made anew.
    expect(await artifactOf(dir, 'COF-002')).toEqual(coffeeBefore);
    const drawn = (await images(dir)).filter((n) => !first.includes(n));
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toMatch(/^caption-/);

    // Every kept file is young: only what no current output uses goes with --older-than 0.
    const pruned = JSON.parse((await cli(dir, ['cache', 'prune', '--older-than', '0', '--json'])).stdout) as PruneJson;
    const removed = pruned.removed.filter((e) => e.kind === 'images').map((e) => e.path);
    expect(removed).toHaveLength(1);
    const oldCaption = removed[0]!;
    expect(oldCaption).toMatch(/^\.promo\/images\/caption-/);
    expect(first.map((n) => `.promo/images/${n}`)).toContain(oldCaption);
    // The record, per output: the tea's names its new caption, the coffee's its own and no tea caption.
    const record = JSON.parse(await readFile(join(dir.out, '.promo', 'kept-uses.json'), 'utf8')) as { uses: Record<string, string[]> };
    const tea = record.uses[(await artifactOf(dir, 'TEA-001')).key]!;
    const coffee = record.uses[coffeeBefore.key]!;
    const captions = (paths: string[]) => paths.filter((p) => p.includes('/caption-'));
    expect(captions(tea)).toEqual([`.promo/images/${drawn[0]}`]);
    expect(captions(coffee)).toHaveLength(1);
    expect(captions(coffee)[0]).not.toBe(oldCaption);
    expect(captions(coffee)[0]).not.toBe(`.promo/images/${drawn[0]}`);
    // The logo, drawn by whichever job asked first, is each product's.
    const logoImage = tea.find((p) => p.includes('/logo'));
    expect(logoImage).toBeDefined();
    expect(coffee).toContain(logoImage);

    // What stayed is what both products need: rendering both again draws nothing.
    const kept = await inodes(dir);
    await cli(dir, ['render', dir.spec, '--force']);
    expect(await inodes(dir)).toEqual(kept);
  }, 300_000);

  it('a prune of many files removes every victim, and none a render opens by path while a promo works in the folder', async () => {
    const out = makeTempDir('promo-prune-batch-');
    for (const kind of ['images', 'loudness']) await mkdir(join(out, '.promo', kind), { recursive: true });
    const names = Array.from({ length: 100 }, (_, i) => `caption-${String(i).padStart(3, '0')}.png`);
    const then = new Date((await fileSystemNow(join(out, '.promo'))) - 40 * DAY);
    const fill = async () => {
      for (const name of names) await writeFile(join(out, '.promo', 'images', name), 'x');
      await writeFile(join(out, '.promo', 'loudness', 'a.json'), '{}');
      for (const path of [...names.map((n) => join('images', n)), join('loudness', 'a.json')]) await utimes(join(out, '.promo', path), then, then);
    };
    await fill();
    const all = await pruneKeptCache(out, { olderThanMs: 30 * DAY });
    expect(all.removed).toHaveLength(101);
    expect(all.busy).toEqual([]);
    expect(await readdir(join(out, '.promo', 'images'))).toEqual([]);

    // A work folder of this (live) process in .promo/: a render in progress.
    await fill();
    const work = tempPathFor(join(out, '.promo', 'work'));
    await mkdir(work);
    try {
      const busy = await pruneKeptCache(out, { olderThanMs: 30 * DAY });
      expect(busy.busy).toHaveLength(1);
      expect(busy.removed.map((e) => e.path)).toEqual(['.promo/loudness/a.json']);
      expect((await readdir(join(out, '.promo', 'images'))).sort()).toEqual(names);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    // Under both limits: nothing goes, busy or not.
    const under = await pruneKeptCache(out, { olderThanMs: 100 * DAY, maxBytes: 1_000_000 });
    expect(under.removed).toEqual([]);
    expect(under.keptCount).toBe(100);
  }, 120_000);
});
