// manifest.json lists every artifact in the output folder, whichever spec or command made it:
// real renders, a real `promo watch`, and specs sharing one `out`.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir, runCli, TINY_SQUARE } from '../helpers/spec-dir.ts';
import { makeWatchDir, startWatch } from '../helpers/watch-dir.ts';

interface Artifact { sku: string | null; preset: string; kind: string; path: string; sha256: string; bytes: number; renderedAt: string; spec: string }
interface Failure { sku: string | null; spec: string; code: string }
interface Manifest { spec: string; artifacts: Artifact[]; failures: Failure[]; warnings: string[] }

let clipA: string;
let clipB: string;

beforeAll(async () => {
  [clipA, clipB] = await Promise.all([
    makeVideo({ width: 320, height: 180, duration: 2 }),
    makeVideo({ width: 320, height: 180, duration: 2, fps: 25 }),
  ]);
});

const spec = (products: object[], extra: object = {}) => ({
  stream: { title: 'manifest test' },
  products,
  outputs: [TINY_SQUARE],
  intro: false,
  outro: false,
  quality: 'draft',
  ...extra,
});
const product = (sku: string, footage?: string, caption?: string) => ({ sku, ...(footage ? { footage } : {}), clips: [{ in: 0, out: 1, ...(caption ? { caption } : {}) }] });

const readManifest = async (out: string): Promise<Manifest> => JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
const names = (manifest: Manifest) => manifest.artifacts.map((a) => `${a.sku ?? 'reel'}/${a.preset}/${a.kind}`).sort();
const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

describe('manifest.json of a shared output folder', () => {
  it('keeps the reel and the other products when promo watch renders one product', async () => {
    const dir = await makeWatchDir(spec([product('P1', 'footage/p1.mp4'), product('P2', 'footage/p2.mp4')], { reel: true }));
    await mkdir(join(dir.dir, 'specs', 'footage'));
    await copyFile(clipA, join(dir.dir, 'specs', 'footage', 'p1.mp4'));
    await copyFile(clipA, join(dir.dir, 'specs', 'footage', 'p2.mp4'));
    const render = await runCli(['render', dir.spec, '--config', dir.config], { cwd: dir.dir });
    expect(render.code, render.stderr).toBe(0);
    const before = await readManifest(dir.out);
    const all = ['P1/tiny/cover', 'P1/tiny/video', 'P2/tiny/cover', 'P2/tiny/video', 'reel/tiny/cover', 'reel/tiny/reel'];
    expect(names(before)).toEqual(all);

    const first = startWatch(dir, ['--once']);
    expect(await first.exited, first.log()).toBe(0); // creates the inbox folders
    // Other footage than the spec's, so P1 really renders again.
    await copyFile(clipB, join(dir.inbox, 'P1.mp4'));
    const watch = startWatch(dir, ['--once']);
    expect(await watch.exited, watch.log()).toBe(0);
    expect(watch.log()).toMatch(/P1\.mp4: job #1 done/);

    const after = await readManifest(dir.out);
    expect(names(after)).toEqual(all);
    const video = (m: Manifest, sku: string | null) => m.artifacts.find((a) => a.sku === sku && a.kind !== 'cover')!;
    // P1 is the watched render now; P2 and the reel are the ones promo render made.
    expect(video(after, 'P1').sha256).not.toBe(video(before, 'P1').sha256);
    expect(video(after, 'P1').sha256).toBe(await sha256(join(dir.out, 'P1', 'tiny.mp4')));
    expect(video(after, 'P2')).toEqual(video(before, 'P2'));
    expect(video(after, null)).toEqual(video(before, null));
    expect(after.artifacts.every((a) => a.spec === '../specs/spec.yaml')).toBe(true);
    expect(after.failures).toEqual([]);
  });

  it('lists the outputs and failures of two specs with different SKUs sharing one out, each with its spec', async () => {
    const dir = await makeSpecDir(spec([product('TEA-001', 'tea.mp4')]), { files: { 'tea.mp4': clipA, 'cup.mp4': clipB } });
    const other = join(dir.dir, 'other.yaml');
    await writeFile(other, stringify(spec([product('CUP-002', 'cup.mp4'), product('GONE-003', 'gone.mp4')])));

    expect((await runCli(['render', dir.spec, '--config', dir.config])).code).toBe(0);
    const second = await runCli(['render', other, '--config', dir.config]);
    expect(second.code, second.stderr).toBe(1); // GONE-003 has no footage
    let manifest = await readManifest(dir.out);
    expect(manifest.spec).toBe('../other.yaml');
    expect(names(manifest)).toEqual(['CUP-002/tiny/cover', 'CUP-002/tiny/video', 'TEA-001/tiny/cover', 'TEA-001/tiny/video']);
    const specOf = (m: Manifest) => Object.fromEntries(m.artifacts.map((a) => [a.path, a.spec]));
    const expected = {
      'CUP-002/tiny.jpg': '../other.yaml', 'CUP-002/tiny.mp4': '../other.yaml',
      'TEA-001/tiny.jpg': '../spec.yaml', 'TEA-001/tiny.mp4': '../spec.yaml',
    };
    expect(specOf(manifest)).toEqual(expected);
    expect(manifest.failures).toEqual([expect.objectContaining({ sku: 'GONE-003', spec: '../other.yaml', code: 'FOOTAGE_MISSING' })]);

    // The first spec again (nothing to render): the other spec's outputs and failure stay.
    const again = await runCli(['render', dir.spec, '--config', dir.config, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).jobs.map((j: { status: string }) => j.status)).toEqual(['cached']);
    manifest = await readManifest(dir.out);
    expect(manifest.spec).toBe('../spec.yaml');
    expect(specOf(manifest)).toEqual(expected);
    expect(manifest.failures).toEqual([expect.objectContaining({ sku: 'GONE-003', spec: '../other.yaml' })]);

    // A third spec writing a SKU another spec owns replaces it, and says so.
    const third = join(dir.dir, 'third.yaml');
    await writeFile(third, stringify(spec([product('CUP-002', 'tea.mp4', 'another cup')])));
    const clash = await runCli(['render', third, '--config', dir.config]);
    expect(clash.code, clash.stderr).toBe(0);
    expect(clash.stderr).toContain('CUP-002/tiny.mp4 was made by ../other.yaml and is now replaced by ../third.yaml');
    manifest = await readManifest(dir.out);
    expect(specOf(manifest)['CUP-002/tiny.mp4']).toBe('../third.yaml');
    expect(manifest.artifacts.filter((a) => a.path === 'CUP-002/tiny.mp4')).toHaveLength(1);
  });

  it('drops an artifact whose file was deleted on the next run, and keeps the rest', async () => {
    const dir = await makeSpecDir(spec([product('TEA-001', 'tea.mp4'), product('CUP-002', 'cup.mp4')]), { files: { 'tea.mp4': clipA, 'cup.mp4': clipB } });
    expect((await runCli(['render', dir.spec, '--config', dir.config])).code).toBe(0);
    await rm(join(dir.out, 'CUP-002', 'tiny.mp4'));
    // CUP-002 is left out of this run: only the file decides.
    const result = await runCli(['render', dir.spec, '--config', dir.config, '--only', 'TEA-001', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).jobs.map((j: { status: string }) => j.status)).toEqual(['cached']);
    const manifest = await readManifest(dir.out);
    expect(names(manifest)).toEqual(['CUP-002/tiny/cover', 'TEA-001/tiny/cover', 'TEA-001/tiny/video']);
  });
});
