import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../src/publish/create-channel.ts';
import { folderNameFor } from '../../src/publish/folder-channel.ts';
import { channelErrorOf, makeContext, makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';

let media: MediaFolder;
let outbox: string;
beforeEach(async () => {
  media = await makeMediaFolder();
  outbox = join(media.dir, 'outbox');
});

const channelFor = (dir: string) => createChannel({ type: 'folder', name: 'assisted', dir });

describe('folder channel', () => {
  it('writes post.json, text.txt and copies of the video and cover under their base names', async () => {
    const video = await media.video('tea sku 42.mp4');
    const cover = await media.cover('tea sku 42.jpg');
    const post = makePost({ key: 'tea-2026-05-01', video, cover, subject: 'sku42', local: { time: '2026-05-01 19:00', zone: 'Asia/Shanghai' } });
    const sentAt = new Date('2026-05-01T10:59:30Z');
    const result = await channelFor(outbox).send(post, makeContext({ now: () => sentAt }));

    // Named by due time first: a person listing the outbox sees the posts in order.
    const folder = join(outbox, '2026-05-01_1900_sku42_tea-2026-05-01');
    expect(result.detail).toBe(`written to ${folder}`);
    expect((await readdir(folder)).sort()).toEqual(['post.json', 'tea sku 42.jpg', 'tea sku 42.mp4', 'text.txt']);
    expect(JSON.parse(await readFile(join(folder, 'post.json'), 'utf8'))).toEqual({
      key: 'tea-2026-05-01',
      due: '2026-05-01T11:00:00.000Z',
      local: '2026-05-01 19:00 Asia/Shanghai',
      sentAt: '2026-05-01T10:59:30.000Z',
      text: post.text,
      stream: { title: 'Tea night', start: '2026-05-01T12:00:00.000Z', url: 'https://live.example.com/tea' },
      subject: 'sku42',
      video: 'tea sku 42.mp4',
      cover: 'tea sku 42.jpg',
    });
    expect(await readFile(join(folder, 'text.txt'), 'utf8')).toBe(post.text);
    expect((await readFile(join(folder, 'tea sku 42.mp4'))).equals(await readFile(video))).toBe(true);
    expect((await readFile(join(folder, 'tea sku 42.jpg'))).equals(await readFile(cover))).toBe(true);
  });

  it('writes a text-only post with null files', async () => {
    await channelFor(outbox).send(makePost({ key: 'text-only' }), makeContext());
    const written = JSON.parse(await readFile(join(outbox, 'text_text-only', 'post.json'), 'utf8'));
    expect(written).toMatchObject({ video: null, cover: null, subject: null, local: null });
    expect(await readdir(join(outbox, 'text_text-only'))).toEqual(['post.json', 'text.txt']);
  });

  it('is idempotent: a second send of the same key writes nothing and succeeds', async () => {
    const channel = channelFor(outbox);
    expect(channel.idempotent).toBe(true);
    const local = { time: '2026-05-01 19:00', zone: 'Asia/Shanghai' };
    await channel.send(makePost({ key: 'once', text: 'first', local }), makeContext());
    const folder = join(outbox, '2026-05-01_1900_text_once');
    const before = await stat(join(folder, 'post.json'));
    // Even when the post was moved in the meantime (a spec edit changed its time).
    const again = await channel.send(makePost({ key: 'once', text: 'second', local: { ...local, time: '2026-05-01 19:30' } }), makeContext());
    expect(again.detail).toBe(`already in the outbox: ${folder}`);
    expect(await readFile(join(folder, 'text.txt'), 'utf8')).toBe('first');
    expect((await stat(join(folder, 'post.json'))).mtimeMs).toBe(before.mtimeMs);
    expect(await readdir(outbox)).toEqual(['2026-05-01_1900_text_once']);
    // Another key is another post, even one whose key ends like this one.
    await channel.send(makePost({ key: 'not-once', local }), makeContext());
    expect((await readdir(outbox)).sort()).toEqual(['2026-05-01_1900_text_not-once', '2026-05-01_1900_text_once']);
  });

  it('delivers concurrent sends of one key exactly once, complete, with no temp folders left', async () => {
    const video = await media.video('clip.mp4', 200_000);
    const channel = channelFor(outbox);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => channel.send(makePost({ key: 'race', text: `attempt ${i}`, video }), makeContext())));
    expect(results.filter((r) => r.detail.startsWith('written to'))).toHaveLength(1);
    expect(await readdir(outbox)).toEqual(['text_race']);
    const folder = join(outbox, 'text_race');
    expect((await readdir(folder)).sort()).toEqual(['clip.mp4', 'post.json', 'text.txt']);
    expect((await stat(join(folder, 'clip.mp4'))).size).toBe(200_000);
    const text = await readFile(join(folder, 'text.txt'), 'utf8');
    expect(JSON.parse(await readFile(join(folder, 'post.json'), 'utf8')).text).toBe(text);
  });

  it('removes the temp folder a killed process left for the same key, then writes the post', async () => {
    // 2^22 + 1 is above Linux's pid_max default; no process has that pid (any boot, any start).
    const abandoned = join(outbox, `.promo-tmp-${hostname()}+4194305-0badc0de-text_crashed`);
    await mkdir(abandoned, { recursive: true });
    await writeFile(join(abandoned, 'post.json'), '{"half":');
    await channelFor(outbox).send(makePost({ key: 'crashed' }), makeContext());
    expect(await readdir(outbox)).toEqual(['text_crashed']);
  });

  it('fails without writing anything when the video is missing', async () => {
    const error = await channelErrorOf(channelFor(outbox).send(makePost({ key: 'missing', video: join(media.dir, 'nope.mp4') }), makeContext()));
    expect(error.options.retryable).toBe(false);
    expect(error.message).toMatch(/the video .*nope\.mp4 cannot be read/);
    expect(await readdir(outbox).catch(() => [])).toEqual([]);
  });

  it('gives keys that are not plain file names a safe, distinct folder', async () => {
    const name = (key: string, subject?: string) => folderNameFor({ key, ...(subject === undefined ? {} : { subject }) });
    expect(name('tea-2026.05')).toBe('text_tea-2026.05');
    expect(name('tea-2026.05', 'reel')).toBe('reel_tea-2026.05');
    const a = name('2026-05-01T12:00Z/tea/wecom');
    const b = name('2026-05-01T12:00Z_tea_wecom');
    expect(a).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(a).not.toBe(b);
    expect(name('../../etc')).not.toContain('/');
    expect(name('..', '..')).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    // A SKU with a path in it cannot steer the folder either.
    expect(name('k', '../../etc/茶')).toBe('etc_k');
    await channelFor(outbox).send(makePost({ key: '../escape' }), makeContext());
    expect(await readdir(media.dir)).toEqual(['outbox']);
    expect(await readdir(outbox)).toEqual([name('../escape')]);
  });

  it('keeps both files when the video and the cover share a base name', async () => {
    const video = await media.video('same.bin');
    await mkdir(join(media.dir, 'covers'));
    const cover = join(media.dir, 'covers', 'same.bin');
    await writeFile(cover, 'cover bytes');
    await channelFor(outbox).send(makePost({ key: 'dup', video, cover }), makeContext());
    expect((await readdir(join(outbox, 'text_dup'))).sort()).toEqual(['cover-same.bin', 'post.json', 'same.bin', 'text.txt']);
  });

  it('has no practical text limit', () => {
    const channel = channelFor(outbox);
    expect(channel.textLimit).toBeGreaterThanOrEqual(100_000);
    expect(channel.limitUnit).toBe('chars');
  });
});
