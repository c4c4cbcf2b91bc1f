// Media files go out whole or by one byte range (what <video> asks for), with the right type, and
// only while the file, every symlink resolved, is a regular file inside its root.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRange, sendMediaFile, type MediaFile } from '../../src/dashboard/send-media-file.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.ts';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const BYTES = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

async function serve(media: MediaFile): Promise<string> {
  server = await startLoopbackServer((req, res) => sendMediaFile(req, res, media));
  return server.url;
}

async function setup() {
  const root = makeTempDir();
  const outside = makeTempDir();
  await mkdir(join(root, 'TEA'), { recursive: true });
  await writeFile(join(root, 'TEA', 'douyin.mp4'), BYTES);
  await writeFile(join(outside, 'secret.mp4'), 'not yours');
  return { root, outside };
}

describe('parseRange', () => {
  it('reads the single-range forms and refuses what cannot be satisfied', () => {
    expect(parseRange(undefined, 100)).toBeUndefined();
    expect(parseRange('bytes=0-9', 100)).toEqual([0, 9]);
    expect(parseRange('bytes=90-', 100)).toEqual([90, 99]);
    expect(parseRange('bytes=90-500', 100)).toEqual([90, 99]);
    expect(parseRange('bytes=-10', 100)).toEqual([90, 99]);
    expect(parseRange('bytes=-500', 100)).toEqual([0, 99]);
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    // Not one valid range: ignored, the whole file is sent.
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(parseRange('bytes=9-2', 100)).toBeUndefined();
    expect(parseRange('items=0-1', 100)).toBeUndefined();
    expect(parseRange('bytes=-', 100)).toBeUndefined();
  });
});

describe('sendMediaFile', () => {
  it('sends the whole file with its type and length, and says ranges are accepted', async () => {
    const { root } = await setup();
    const url = await serve({ file: join(root, 'TEA', 'douyin.mp4'), root });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe('1000');
    expect(Buffer.from(await response.arrayBuffer()).equals(BYTES)).toBe(true);
  });

  it('answers a range with 206 and exactly those bytes, the last bytes for a suffix range', async () => {
    const { root } = await setup();
    const url = await serve({ file: join(root, 'TEA', 'douyin.mp4'), root });
    const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(Buffer.from(await part.arrayBuffer()).equals(BYTES.subarray(100, 200))).toBe(true);
    const tail = await fetch(url, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe('bytes 990-999/1000');
    expect(Buffer.from(await tail.arrayBuffer()).equals(BYTES.subarray(990))).toBe(true);
    const open = await fetch(url, { headers: { range: 'bytes=995-' } });
    expect(Buffer.from(await open.arrayBuffer()).equals(BYTES.subarray(995))).toBe(true);
  });

  it('answers a range past the end with 416 and the size, and HEAD with headers only', async () => {
    const { root } = await setup();
    const url = await serve({ file: join(root, 'TEA', 'douyin.mp4'), root });
    const past = await fetch(url, { headers: { range: 'bytes=1000-' } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */1000');
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('1000');
  });

  it('refuses a symlink that leads out of its root, a folder, a missing file and an unknown type', async () => {
    const { root, outside } = await setup();
    await symlink(join(outside, 'secret.mp4'), join(root, 'TEA', 'escape.mp4'));
    await symlink(outside, join(root, 'linked'));
    await writeFile(join(root, 'TEA', 'notes.txt'), 'text');
    await mkdir(join(root, 'TEA', 'folder.mp4'));
    for (const file of [join(root, 'TEA', 'escape.mp4'), join(root, 'linked', 'secret.mp4'), join(root, 'TEA', 'gone.mp4'), join(root, 'TEA', 'notes.txt'), join(root, 'TEA', 'folder.mp4'), join(outside, 'secret.mp4')]) {
      const url = await serve({ file, root });
      const response = await fetch(url);
      expect(response.status, file).toBe(404);
      expect(await response.text()).not.toContain('not yours');
      await server!.close();
      server = undefined;
    }
  });

  it('serves a symlink that stays inside its root', async () => {
    const { root } = await setup();
    await symlink(join(root, 'TEA', 'douyin.mp4'), join(root, 'TEA', 'alias.mp4'));
    const url = await serve({ file: join(root, 'TEA', 'alias.mp4'), root });
    const response = await fetch(url, { headers: { range: 'bytes=0-3' } });
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer()).equals(BYTES.subarray(0, 4))).toBe(true);
  });
});
