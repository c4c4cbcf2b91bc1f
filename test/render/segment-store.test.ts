// The store of kept video segments: whole files only under final names, an output's unused
// segments pruned, the segments of outputs gone from the manifest removed, claims that survive
// a prune by another run.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SegmentStore } from '../../src/render/segment-store.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);

async function storeWith(...entries: [owner: string, key: string][]): Promise<{ store: SegmentStore; work: string }> {
  const dir = makeTempDir();
  const store = new SegmentStore(join(dir, 'out'));
  const work = join(dir, 'work');
  for (const [owner, key] of entries) {
    const file = join(dir, `${owner}-${key.slice(0, 4)}.mp4`);
    await writeFile(file, `${owner} ${key}`);
    await store.put(file, owner, key);
    // put keeps its source where it was (the run's work folder still joins it).
    expect(existsSync(file)).toBe(true);
  }
  return { store, work };
}

describe('SegmentStore', () => {
  it('keeps segments by owner and key, with nothing left under temporary names', async () => {
    const owner = SegmentStore.ownerOf('TEA-001', 'douyin');
    const { store } = await storeWith([owner, KEY_A]);
    expect(store.has(owner, KEY_A)).toBe(true);
    expect(store.has(owner, KEY_B)).toBe(false);
    expect(store.has(SegmentStore.ownerOf('TEA-001', 'square'), KEY_A)).toBe(false);
    expect(await readdir(store.dir)).toEqual([`${owner}-${KEY_A.slice(0, 40)}.mp4`]);
    expect(await readFile(store.pathOf(owner, KEY_A), 'utf8')).toBe(`${owner} ${KEY_A}`);
  });

  it('prunes an output\'s segments it no longer uses, and no other output\'s', async () => {
    const mine = SegmentStore.ownerOf('TEA-001', 'douyin');
    const other = SegmentStore.ownerOf('CUP-002', 'douyin');
    const { store } = await storeWith([mine, KEY_A], [mine, KEY_B], [other, KEY_A]);
    expect(await store.prune(mine, [KEY_B])).toBe(1);
    expect(store.has(mine, KEY_A)).toBe(false);
    expect(store.has(mine, KEY_B)).toBe(true);
    expect(store.has(other, KEY_A)).toBe(true);
  });

  it('removes the segments of outputs that are no longer listed', async () => {
    const kept = SegmentStore.ownerOf('TEA-001', 'douyin');
    const gone = SegmentStore.ownerOf('OLD-009', 'douyin');
    const { store } = await storeWith([kept, KEY_A], [gone, KEY_A], [gone, KEY_B]);
    await store.pruneOwners(new Set([kept]));
    expect(await readdir(store.dir)).toEqual([`${kept}-${KEY_A.slice(0, 40)}.mp4`]);
  });

  it('a claimed segment stays the run\'s when another run prunes it; a pruned one cannot be claimed', async () => {
    const owner = SegmentStore.ownerOf('TEA-001', 'douyin');
    const { store, work } = await storeWith([owner, KEY_A], [owner, KEY_B]);
    await mkdir(work, { recursive: true });
    expect(await store.claim(owner, KEY_A, join(work, '0-1.mp4'))).toBe(true);
    await store.prune(owner, []);
    expect(await readFile(join(work, '0-1.mp4'), 'utf8')).toBe(`${owner} ${KEY_A}`);
    expect(await store.claim(owner, KEY_B, join(work, '0-2.mp4'))).toBe(false);
  });
});
