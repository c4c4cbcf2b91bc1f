// `promo cache` and `promo cache prune` on real renders: what a prune removes (kept files no
// manifest artifact uses, unused for the age given) and keeps (what the current outputs use, the
// outputs, the footage), a dry run removes nothing, the size cap evicts the least recently used
// first (automatic after a render, by `cache:` in config.yaml), an incremental re-render still
// reuses the segments a prune kept, a prune beside a running render leaves that render's files
// alone, and a bad `cache.maxSize` is reported at its place in config.yaml.
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeKeptCacheMedia } from '../helpers/kept-cache-media.ts';
import { keptSegments } from '../helpers/incremental-compare.ts';
import { makeSpecDir, runCli, SMALL_VERTICAL, TINY_SQUARE, type SpecDir } from '../helpers/spec-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { fileSystemNow } from '../../src/util/file-system-now.ts';
import { analyseFootage } from '../../src/analysis/analyse-footage.ts';
import { ffmpegPath, ffprobePath } from '../helpers/media-assert.ts';

const DAY = 86_400_000;
const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

const spec = (captions: string[], outputs: object[] = [TINY_SQUARE]) => ({
  stream: { title: 'kept cache' },
  brand: { logo: 'logo.png', color: '#E60012' },
  products: [{ sku: 'TEA-001', price: 39, footage: 'tea.mp4', clips: captions.map((caption, i) => ({ in: i, out: i + 1, caption })) }],
  outputs,
  intro: false,
  outro: false,
  reel: false,
  quality: 'draft',
});

interface PruneJson { removed: { kind: string; path: string; bytes: number }[]; freedBytes: number; keptBytes: number; busy: string[] }
interface CacheJson { kinds: { kind: string; count: number; bytes: number; usedCount: number; usedBytes: number }[]; total: { bytes: number } }

describe('promo cache and promo cache prune', () => {
  let footage: string;
  let logo: string;

  beforeAll(async () => {
    ({ footage, logo } = await makeKeptCacheMedia(4));
  }, 120_000);

  const fresh = (captions: string[], config: object = { cache: { maxSize: 'off', maxAge: 'off' } }) => makeSpecDir(spec(captions), { files: { 'tea.mp4': footage, 'logo.png': logo }, config });
  const cli = async (dir: SpecDir, args: string[], code = 0) => {
    const result = await runCli([...args, '--config', dir.config]);
    expect(result.code, result.stderr).toBe(code);
    return result;
  };
  const render = (dir: SpecDir, ...extra: string[]) => cli(dir, ['render', dir.spec, ...extra]);
  const images = async (dir: SpecDir) => (await readdir(join(dir.out, '.promo', 'images'))).sort();
  /** Every file under .promo/ (but the lock and the index) with its size. */
  const keptFiles = async (dir: SpecDir) => {
    const names: string[] = [];
    for (const kind of ['images', 'covers', 'segments', 'loudness', 'analysis']) {
      for (const name of await readdir(join(dir.out, '.promo', kind)).catch(() => [] as string[])) names.push(`.promo/${kind}/${name}`);
    }
    return names.sort();
  };
  /** Sets a kept file's last use to `ms` before now (by the clock that stamps the folder's files, as promo judges ages). */
  const age = async (dir: SpecDir, path: string, ms: number) => {
    const then = new Date((await fileSystemNow(join(dir.out, '.promo'))) - ms);
    await utimes(join(dir.out, path), then, then);
  };

  it('a reused analysis counts as used by its reuse: an old one reused survives a prune by age, an unused one goes', async () => {
    const dir = await fresh([]);
    const cacheDir = join(dir.out, '.promo', 'analysis');
    const other = await makeVideo({ width: 320, height: 180, duration: 2, audio: 'none' });
    const analyse = (file: string) => analyseFootage({ ffmpeg: ffmpegPath(), ffprobe: ffprobePath(), file, cacheDir });
    await analyse(footage);
    await analyse(other);
    const names = (await readdir(cacheDir)).sort();
    expect(names).toHaveLength(2);
    for (const name of names) await age(dir, `.promo/analysis/${name}`, 40 * DAY);
    const mtimes = async () => new Map(await Promise.all(names.map(async (n) => [n, (await stat(join(cacheDir, n))).mtimeMs] as const)));
    const before = await mtimes();
    await analyse(footage);
    const after = await mtimes();
    const reused = names.find((n) => after.get(n)! > before.get(n)!);
    expect(reused).toBeDefined();
    const unused = names.find((n) => n !== reused)!;
    expect(after.get(unused)).toBe(before.get(unused));
    const pruned = JSON.parse((await cli(dir, ['cache', 'prune', '--older-than', '30d', '--json'])).stdout) as PruneJson;
    expect(pruned.removed.map((e) => e.path)).toEqual([`.promo/analysis/${unused}`]);
    expect(await readdir(cacheDir)).toEqual([reused]);
  }, 120_000);

  it('reports what is kept, and prunes only what no current output uses; a dry run removes nothing', async () => {
    const dir = await fresh(['明前龙井 鲜爽回甘']);
    await render(dir);
    const before = await images(dir);
    await writeFile(dir.spec, stringify(spec(['今晚直播价只要¥39'])));
    await render(dir);
    const old = (await images(dir)).filter((name) => before.includes(name) && name.startsWith('caption-'));
    expect(old).toHaveLength(1);
    const oldCaption = `.promo/images/${old[0]}`;

    const summary = JSON.parse((await cli(dir, ['cache', '--json'])).stdout) as CacheJson;
    const imageRow = summary.kinds.find((k) => k.kind === 'images')!;
    // Two captions, the badge and the logo; all but the old caption are used by the video.
    expect(imageRow.count).toBe(4);
    expect(imageRow.usedCount).toBe(3);
    expect(summary.kinds.find((k) => k.kind === 'segments')!.usedCount).toBe(summary.kinds.find((k) => k.kind === 'segments')!.count);
    expect((await cli(dir, ['cache'])).stdout).toMatch(/images\s+4\s/);

    // Fresh files are younger than 30 days: nothing goes.
    const all = await keptFiles(dir);
    expect((JSON.parse((await cli(dir, ['cache', 'prune', '--older-than', '30d', '--json'])).stdout) as PruneJson).removed).toEqual([]);
    await age(dir, oldCaption, 40 * DAY);
    const outputs = [await sha256(join(dir.out, 'TEA-001', 'tiny.mp4')), await sha256(join(dir.out, 'TEA-001', 'tiny.jpg')), await sha256(join(dir.dir, 'tea.mp4'))];

    const dry = JSON.parse((await cli(dir, ['cache', 'prune', '--older-than', '30d', '--dry-run', '--json'])).stdout) as PruneJson;
    expect(dry.removed.map((e) => e.path)).toEqual([oldCaption]);
    expect(await keptFiles(dir)).toEqual(all);

    const pruned = await cli(dir, ['cache', 'prune', '--older-than', '30d']);
    expect(pruned.stdout).toContain(`removed ${oldCaption}`);
    expect(pruned.stdout).toMatch(/removed 1 file, [\d.]+ (bytes|KiB) freed/);
    expect(await keptFiles(dir)).toEqual(all.filter((p) => p !== oldCaption));
    expect([await sha256(join(dir.out, 'TEA-001', 'tiny.mp4')), await sha256(join(dir.out, 'TEA-001', 'tiny.jpg')), await sha256(join(dir.dir, 'tea.mp4'))]).toEqual(outputs);

    // What stayed is what the output needs: rendering it again (--force) draws nothing new.
    const inodes = await Promise.all((await images(dir)).map(async (n) => (await stat(join(dir.out, '.promo', 'images', n))).ino));
    await render(dir, '--force');
    expect(await Promise.all((await images(dir)).map(async (n) => (await stat(join(dir.out, '.promo', 'images', n))).ino))).toEqual(inodes);
    expect(await sha256(join(dir.out, 'TEA-001', 'tiny.mp4'))).toBe(outputs[0]);

    // Once the manifest lists nothing, every kept file is unused: --older-than 0 empties .promo/.
    await rm(join(dir.out, 'manifest.json'));
    await cli(dir, ['cache', 'prune', '--older-than', '0']);
    expect(await keptFiles(dir)).toEqual([]);
    expect(await sha256(join(dir.out, 'TEA-001', 'tiny.mp4'))).toBe(outputs[0]);
  }, 300_000);

  it('evicts the least recently used unused files first to meet the size cap, after a render as well', async () => {
    const dir = await fresh(['第一']);
    await render(dir);
    for (const caption of ['第二', '第三', '第四']) {
      await writeFile(dir.spec, stringify(spec([caption])));
      await render(dir);
    }
    const captions = async () => (await images(dir)).filter((n) => n.startsWith('caption-')).map((n) => `.promo/images/${n}`);
    const used = JSON.parse((await cli(dir, ['cache', '--json'])).stdout) as CacheJson;
    const unused = await captions();
    expect(unused).toHaveLength(4);
    // The three old captions, last used 3, 2 and 1 hours ago, in an order that is neither their names' nor their drawing's.
    const current = (await readFile(join(dir.out, '.promo', 'kept-uses.json'), 'utf8'));
    const old = unused.filter((p) => !current.includes(p));
    expect(old).toHaveLength(3);
    const [oldest, middle, newest] = [old[2]!, old[0]!, old[1]!];
    await age(dir, oldest, 3 * 3_600_000);
    await age(dir, middle, 2 * 3_600_000);
    await age(dir, newest, 1 * 3_600_000);
    const size = async (p: string) => (await stat(join(dir.out, p))).size;
    // Room for everything but the two least recently used (and half of the third, as slack).
    const cap = used.total.bytes - (used.kinds.find((k) => k.kind === 'render-cache')!.bytes) - (await size(oldest)) - (await size(middle)) + Math.floor((await size(newest)) / 2);

    const dry = JSON.parse((await cli(dir, ['cache', 'prune', '--older-than', '100d', '--max-size', String(cap), '--dry-run', '--json'])).stdout) as PruneJson;
    expect(dry.removed.map((e) => e.path)).toEqual([oldest, middle]);

    // The automatic prune after a render does the same by config.yaml's cache.maxSize.
    await writeFile(dir.config, stringify({ out: 'out', state: '.promo/state.db', timezone: 'Asia/Shanghai', render: { concurrency: 1 }, cache: { maxSize: cap, maxAge: 'off' } }));
    const result = await render(dir, '--force');
    expect(result.stderr).toMatch(/pruned 2 kept files no current output uses/);
    expect(await captions()).toEqual(unused.filter((p) => p !== oldest && p !== middle));

    // Files the manifest's outputs use are never evicted, even over the cap.
    await cli(dir, ['cache', 'prune', '--older-than', '100d', '--max-size', '1']);
    const left = await keptFiles(dir);
    expect(left.filter((p) => p.includes('caption-'))).toHaveLength(1);
    expect(left.some((p) => p.includes('/segments/'))).toBe(true);
    expect(left.some((p) => p.includes('/covers/'))).toBe(true);
  }, 300_000);

  it('an incremental re-render after a prune reuses the segments the prune kept', async () => {
    const dir = await makeSpecDir(spec(['一', '二', '三'], [SMALL_VERTICAL]), { files: { 'tea.mp4': footage, 'logo.png': logo }, config: { cache: { maxSize: 'off', maxAge: 'off' } } });
    await render(dir);
    await writeFile(dir.spec, stringify(spec(['一', '改', '三'], [SMALL_VERTICAL])));
    await render(dir);
    const kept = await keptSegments(dir.out);
    const pruned = JSON.parse((await cli(dir, ['cache', 'prune', '--older-than', '0', '--json'])).stdout) as PruneJson;
    // The old caption of clip 2 goes; no segment of the listed output does.
    expect(pruned.removed.map((e) => e.kind)).toEqual(['images']);
    expect(await keptSegments(dir.out)).toEqual(kept);

    await writeFile(dir.spec, stringify(spec(['一', '改', '再改'], [SMALL_VERTICAL])));
    await render(dir);
    const after = await keptSegments(dir.out);
    const added = [...after.keys()].filter((name) => !kept.has(name));
    expect(added).toHaveLength(1);
    // Clips 1 and 2 are the very files kept before the prune (same inodes): only clip 3 was encoded.
    for (const [name, inode] of after) if (kept.has(name)) expect(inode, name).toBe(kept.get(name));
    expect([...kept.keys()].filter((name) => !after.has(name))).toHaveLength(1);
  }, 300_000);

  it('a prune while another promo renders into the folder leaves that render\'s files alone, and the render succeeds', async () => {
    const dir = await fresh(['明前龙井 鲜爽回甘']);
    await render(dir);
    // Nothing listed in the manifest: without the guard, --older-than 0 would remove every kept file.
    await rm(join(dir.out, 'manifest.json'));
    const before = await keptFiles(dir);
    let pid = 0;
    const running = runCli(['render', dir.spec, '--config', dir.config, '--force'], { onSpawn: (child) => { pid = child.pid!; } });
    const promoDir = join(dir.out, '.promo');
    const midRender = async () => {
      const names = await readdir(promoDir);
      // Its mark and its work folder are there and it holds no lock (it takes one only around the mark and the manifest).
      return names.some((n) => n.startsWith('.promo-tmp-') && n.endsWith('-rendering')) && names.some((n) => n.startsWith('.promo-tmp-') && n.endsWith('-work')) && !names.includes('lock');
    };
    // Held still (SIGSTOP) so the prune surely runs while it is mid-render, whatever the load.
    await waitFor(async () => {
      if (!(await midRender())) return false;
      process.kill(pid, 'SIGSTOP');
      if (await midRender()) return true;
      process.kill(pid, 'SIGCONT');
      return false;
    }, 'the render stopped mid-render (its mark and work folder in .promo/, no lock held)');
    let pruned: PruneJson;
    try {
      pruned = JSON.parse((await cli(dir, ['cache', 'prune', '--older-than', '0', '--json'])).stdout) as PruneJson;
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(pruned.busy).toHaveLength(1);
    expect(pruned.removed.every((e) => e.kind === 'loudness' || e.kind === 'analysis')).toBe(true);
    for (const path of before.filter((p) => /\/(images|covers|segments)\//.test(p))) expect((await keptFiles(dir)).includes(path), path).toBe(true);
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    expect((await stat(join(dir.out, 'TEA-001', 'tiny.mp4'))).size).toBeGreaterThan(0);
  }, 300_000);

  it('names file, line and column of a bad cache.maxSize', async () => {
    const dir = await fresh(['x']);
    await writeFile(dir.config, 'out: out\ncache:\n  maxAge: 30d\n  maxSize: 5 gigs\n');
    const result = await runCli(['cache', '--config', dir.config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/config\.yaml:4:12 cache\.maxSize: "5 gigs" is not a size/);
  });
});
