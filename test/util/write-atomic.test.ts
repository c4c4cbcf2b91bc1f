// The one atomic writer and the one temp-name scheme: failures leave nothing, and temps a killed
// process left (a real child, SIGKILLed mid-write) are swept, each kind of them; live ones stay.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTemps } from '../../src/render/remove-stale-temps.ts';
import { processOwner } from '../../src/util/process-owner.ts';
import { removeDeadTemps } from '../../src/util/remove-dead-temps.ts';
import { tempNameOwner, tempPathFor } from '../../src/util/temp-path.ts';
import { writeAtomic } from '../../src/util/write-atomic.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { waitFor } from '../helpers/wait-for.ts';

describe('writeAtomic', () => {
  it('writes the whole content under the final name and leaves nothing else', async () => {
    const dir = makeTempDir();
    await writeAtomic(join(dir, 'sub', 'a.json'), '{"a":1}');
    expect(await readFile(join(dir, 'sub', 'a.json'), 'utf8')).toBe('{"a":1}');
    expect(await readdir(join(dir, 'sub'))).toEqual(['a.json']);
  });

  it('leaves no temp and no final file when the write fails, and an earlier file as it was', async () => {
    const dir = makeTempDir();
    const failing = (temp: string) => writeFile(temp, 'half').then(() => { throw new Error('disk gone'); });
    await expect(writeAtomic(join(dir, 'new.mp4'), failing)).rejects.toThrow('disk gone');
    await writeFile(join(dir, 'old.json'), 'before');
    await expect(writeAtomic(join(dir, 'old.json'), failing)).rejects.toThrow('disk gone');
    // A folder built under the temp name is removed as a whole.
    const folder = async (temp: string) => {
      await mkdir(temp);
      await writeFile(join(temp, 'post.json'), '{');
      throw new Error('copy failed');
    };
    await expect(writeAtomic(join(dir, 'post'), folder)).rejects.toThrow('copy failed');
    expect(await readdir(dir)).toEqual(['old.json']);
    expect(await readFile(join(dir, 'old.json'), 'utf8')).toBe('before');
  });

  it('leaves no temp when the rename fails', async () => {
    const dir = makeTempDir();
    await mkdir(join(dir, 'taken', 'inside'), { recursive: true });
    await expect(writeAtomic(join(dir, 'taken'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
  });
});

describe('tempPathFor', () => {
  it('names a temp beside the final file, ending in its name, owned by this process', () => {
    const temp = tempPathFor('/out/TEA-001/TEA-001-douyin.mp4');
    expect(dirname(temp)).toBe('/out/TEA-001');
    expect(basename(temp)).toMatch(/^\.promo-tmp-.+-[0-9a-f]{8}-TEA-001-douyin\.mp4$/);
    expect(tempNameOwner(basename(temp))).toBe(processOwner());
    expect(tempPathFor('/out/a.mp4')).not.toBe(tempPathFor('/out/a.mp4'));
  });

  it('keeps a long name within 255 bytes and keeps its extension', () => {
    const temp = basename(tempPathFor(`/out/${'茶'.repeat(120)}.mp4`));
    expect(Buffer.byteLength(temp)).toBeLessThanOrEqual(255);
    expect(temp).toMatch(/茶\.mp4$/);
    expect(tempNameOwner(temp)).toBe(processOwner());
  });

  it('reads no owner from names that are not promo temps', () => {
    expect(tempNameOwner('manifest.json')).toBeUndefined();
    expect(tempNameOwner('.promo-tmp-')).toBeUndefined();
    expect(tempNameOwner('.promo-tmp-x-y')).toBeUndefined();
  });
});

describe('the stale-temp sweeper', () => {
  it('removes the temps of every writer kind left by a process killed mid-write, and only those', async () => {
    const outDir = makeTempDir();
    const holder = spawnTracked(process.execPath, ['bin/run-ts.js', 'test/util/write-atomic-holder.ts', outDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    holder.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    await waitFor(() => out.includes('\n'), 'the holder to start its writes');
    const temps = JSON.parse(out) as string[];
    expect(temps).toHaveLength(6);
    // Our own temp and a finished file in the same folders stay.
    const ours = tempPathFor(join(outDir, 'manifest.json'));
    await writeFile(ours, 'mine');
    await writeFile(join(outDir, 'done.json'), 'final');
    // While the writer runs, nothing of it is touched.
    expect(await removeStaleTemps(outDir)).toEqual([]);

    const closed = new Promise((resolve) => holder.once('close', resolve));
    holder.kill('SIGKILL');
    await closed;
    for (const temp of temps) expect(existsSync(temp)).toBe(true);
    const removed = [...(await removeStaleTemps(outDir)), ...(await removeDeadTemps(join(outDir, 'outbox')))];
    expect(removed.sort()).toEqual([...temps].sort());
    for (const temp of temps) expect(existsSync(temp)).toBe(false);
    for (const final of ['manifest.json', '.promo/cache.json', 'preview/TEA-001/douyin.png', 'TEA-001/TEA-001-douyin.mp4', 'outbox/text_TEA-001']) {
      expect(existsSync(join(outDir, final))).toBe(false);
    }
    expect(existsSync(ours)).toBe(true);
    expect(await readFile(join(outDir, 'done.json'), 'utf8')).toBe('final');
  });
});

describe('writeAtomic exclusive', () => {
  it('never replaces an existing file and leaves no temp either way', async () => {
    const dir = makeTempDir();
    await writeAtomic(join(dir, 'config.yaml'), 'starter', { exclusive: true });
    expect(await readFile(join(dir, 'config.yaml'), 'utf8')).toBe('starter');
    await writeFile(join(dir, 'config.yaml'), 'mine');
    await expect(writeAtomic(join(dir, 'config.yaml'), 'starter', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(join(dir, 'config.yaml'), 'utf8')).toBe('mine');
    expect(await readdir(dir)).toEqual(['config.yaml']);
  });
});
