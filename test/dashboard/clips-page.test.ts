// The Clips page and /media on a real dashboard over loopback, over a real render: tiles with
// the video and cover, hostile caption text escaped, media only by listed id (traversal, encoded
// or not, and symlinks refused), Range, edits refused at the field with the file untouched, and
// an accepted edit written into the YAML and re-rendered (a new file served).
import { readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardServer } from '../../src/dashboard/start-dashboard.ts';
import { readManifest } from '../../src/render/manifest.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { productKey } from '../../src/dashboard/product-key.ts';
import { dashboardRequest, readEvents } from './dashboard-request.ts';
import { HOSTILE, makeMediaWorld, renderWorld, serveMediaPages, type MediaWorld } from './media-pages-fixture.ts';

let world: MediaWorld;
const servers: DashboardServer[] = [];
beforeAll(async () => {
  world = await makeMediaWorld();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(): Promise<DashboardServer> {
  const server = await serveMediaPages(world);
  servers.push(server);
  return server;
}

const mediaUrls = (page: string) => [...page.matchAll(/(?:src|poster)="(\/media\/[0-9a-f]{20})\?v=[0-9a-f]+"/g)].map((m) => m[1]!);

describe('Clips page', () => {
  it('shows each preset\'s video and cover with frame, duration, size and safe zones, the caption escaped', async () => {
    const server = await serve();
    const page = await dashboardRequest(`${server.url}clips`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h3>TEA-001 <span class="muted">Longjing</span></h3>');
    expect(page.text).toMatch(/<strong>small<\/strong> <span class="muted">180×320 · 1\.5 s · \d+ KB<\/span>/);
    expect(page.text).toMatch(/<video class="fill" controls preload="none" playsinline src="\/media\/[0-9a-f]{20}\?v=[0-9a-f]{12}" poster="\/media\/[0-9a-f]{20}\?v=[0-9a-f]{12}"/);
    expect(page.text).toMatch(/<img class="fill" src="\/media\/[0-9a-f]{20}\?v=/);
    // The safe zone of the output, in its own pixels: 40 top, 70 bottom, 10 left, 30 right of 180×320.
    expect(page.text).toContain('<rect class="safe-line" x="10" y="40" width="140" height="210"/>');
    expect(page.text).toContain('class="safe-toggle"');
    // The hostile caption is in the edit form, as text.
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;');
    expect(new Set(mediaUrls(page.text)).size).toBe(2);
  });

  it('shows a product that failed with its place in the spec and the hint, and still offers its clips', async () => {
    const server = await serve();
    const page = await dashboardRequest(`${server.url}clips`);
    const product = /<article class="product" id="p-[0-9a-f]+">\n<h3>CUP-002<\/h3>[\s\S]*?<\/article>/.exec(page.text)?.[0];
    expect(product).toBeDefined();
    expect(product).toContain('Not rendered yet.');
    expect(product).toMatch(/<ul class="failures"><li class="error"><code>spec\.yaml:15:14<\/code> [^<]*cup-missing\.mp4[^<]*<br><span class="hint">[^<]+<\/span><\/li><\/ul>/);
    expect(product).toContain('action="/clips/');
  });

  it('serves a listed file by id with Range; unknown ids, paths and encoded traversal are 404', async () => {
    const server = await serve();
    const page = await dashboardRequest(`${server.url}clips`);
    const [video, cover] = mediaUrls(page.text);
    const manifest = (await readManifest(world.out))!;
    const mp4 = manifest.artifacts.find((a) => a.kind === 'video')!;
    const whole = await fetch(`${server.url.slice(0, -1)}${video}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(Number(whole.headers.get('content-length'))).toBe(mp4.bytes);
    await whole.arrayBuffer();
    const part = await fetch(`${server.url.slice(0, -1)}${video}`, { headers: { range: 'bytes=0-7' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-7/${mp4.bytes}`);
    expect(Buffer.from(await part.arrayBuffer()).subarray(4, 8).toString('latin1')).toBe('ftyp');
    const past = await fetch(`${server.url.slice(0, -1)}${video}`, { headers: { range: `bytes=${mp4.bytes}-` } });
    expect(past.status).toBe(416);
    expect((await fetch(`${server.url.slice(0, -1)}${cover}`)).headers.get('content-type')).toMatch(/^image\//);
    for (const path of ['media/0123456789abcdef0123', 'media/..%2f..%2fspec.yaml', 'media/%2e%2e%2f%2e%2e%2fspec.yaml', 'media/%2e%2e', 'media/..', 'media/spec.yaml',
      'media/..%252fspec.yaml', 'media/%2fetc%2fpasswd', `media/${video!.slice(7)}%00`, 'media/TEA-001/small.mp4', 'out/TEA-001/small.mp4']) {
      const answer = await dashboardRequest(`${server.url}${path}`);
      // `/media/%2e%2e` and `/media/..` are `/` once the URL is parsed (WHATWG): the redirect to /now.
      expect(answer.status === 404 || (answer.status === 303 && answer.headers.location === '/now'), `${path}: ${answer.status}`).toBe(true);
      expect(answer.text, path).not.toContain('stream:');
    }
  });

  it('refuses a listed file that was replaced by a symlink out of `out`', async () => {
    const server = await serve();
    const [video] = mediaUrls((await dashboardRequest(`${server.url}clips`)).text);
    const manifest = (await readManifest(world.out))!;
    const file = join(world.out, manifest.artifacts.find((a) => a.kind === 'video')!.path);
    await rename(file, `${file}.kept`);
    try {
      await symlink(world.spec, file);
      const answer = await dashboardRequest(`${server.url}${video!.slice(1)}`);
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain('stream:');
    } finally {
      await rename(`${file}.kept`, file);
    }
  });

  it('refuses an out before in at the field, with the spec\'s line:col, writing nothing', async () => {
    const server = await serve();
    const before = await readFile(world.spec, 'utf8');
    const form = (await dashboardRequest(`${server.url}clips`)).text;
    const action = /<form class="clip-form" method="post" action="([^"]+)"/.exec(form)![1]!;
    const answer = await dashboardRequest(`${server.url}${action.slice(1)}`, {
      method: 'POST', headers: { origin: server.url.slice(0, -1) }, body: new URLSearchParams({ caption: 'x', in: '1', out: '0.5' }).toString(),
    });
    expect(answer.status).toBe(422);
    expect(answer.text).toContain('class="clip-form refused"');
    expect(answer.text).toMatch(/<p class="field-error" role="alert"><code>spec\.yaml:12:14<\/code> out \(0\.5 s\) must be after in \(1 s\)/);
    // What was typed is kept in the form.
    expect(answer.text).toContain('name="out" inputmode="decimal" value="0.5"');
    expect(await readFile(world.spec, 'utf8')).toBe(before);
  });

  it('refuses an out past the end of the footage (as promo validate does), and an unknown spec, product or clip with 404', async () => {
    const server = await serve();
    const before = await readFile(world.spec, 'utf8');
    const action = /<form class="clip-form" method="post" action="([^"]+)"/.exec((await dashboardRequest(`${server.url}clips`)).text)![1]!;
    const post = (path: string, fields: Record<string, string>) => dashboardRequest(`${server.url}${path.slice(1)}`, {
      method: 'POST', headers: { origin: server.url.slice(0, -1) }, body: new URLSearchParams(fields).toString(),
    });
    const late = await post(action, { out: '30' });
    expect(late.status).toBe(422);
    expect(late.text).toMatch(/<p class="field-error" role="alert"><code>spec\.yaml:12:14<\/code>[^<]*tea\.mp4/);
    expect(await readFile(world.spec, 'utf8')).toBe(before);
    for (const path of [action.replace(/\/0$/, '/9'), action.replace('TEA-001', 'NOPE'), action.replace(/clips\/[0-9a-f]+/, 'clips/0000000000aaaaaaaaaa'), action.replace(/\/0$/, '/..')]) {
      expect((await post(path, { caption: 'x' })).status, path).toBe(404);
    }
    // Another site cannot make a visitor's browser edit the spec.
    expect((await dashboardRequest(`${server.url}${action.slice(1)}`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: 'caption=x' })).status).toBe(403);
    expect(await readFile(world.spec, 'utf8')).toBe(before);
  });

  it('writes an accepted caption into the YAML, keeping its comments, re-renders the product and serves the new file', async () => {
    const server = await serve();
    const page = (await dashboardRequest(`${server.url}clips`)).text;
    const [video] = mediaUrls(page);
    const oldBytes = Buffer.from(await (await fetch(`${server.url.slice(0, -1)}${video}`)).arrayBuffer());
    const oldSha = (await readManifest(world.out))!.artifacts.find((a) => a.kind === 'video')!.sha256;
    const action = /<form class="clip-form" method="post" action="([^"]+)"/.exec(page)![1]!;
    const answer = await dashboardRequest(`${server.url}${action.slice(1)}`, {
      method: 'POST', headers: { origin: server.url.slice(0, -1) }, body: new URLSearchParams({ caption: '新茶上市 New tea', in: '0', out: '1.5' }).toString(),
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toMatch(/^\/clips#p-[0-9a-f]{20}$/);
    const yaml = await readFile(world.spec, 'utf8');
    expect(yaml).toContain('        caption: "新茶上市 New tea"   # hostile on purpose\n');
    expect(yaml).toContain('# the dashboard tests\' spec: keep this comment\n');
    await waitFor(async () => (await readManifest(world.out))?.artifacts.find((a) => a.kind === 'video')?.sha256 !== oldSha, 'the re-render to replace the video', 120_000);
    await waitFor(async () => /render-done/.test((await dashboardRequest(`${server.url}clips`)).text), 'the page to show the render done', 60_000);
    const after = (await dashboardRequest(`${server.url}clips`)).text;
    expect(after).toContain('Re-rendered: the new video is below.');
    const newBytes = Buffer.from(await (await fetch(`${server.url.slice(0, -1)}${mediaUrls(after)[0]}`)).arrayBuffer());
    expect(newBytes.equals(oldBytes)).toBe(false);
    expect(after).toContain('新茶上市 New tea');
    // Put the hostile caption back for the other tests of this file (they share the render).
    await writeFile(world.spec, yaml.replace('"新茶上市 New tea"', JSON.stringify(HOSTILE)));
  });

  it('names the products a render outside the dashboard changed in a `clips` event, so an open page swaps in their tiles', async () => {
    const server = await serve();
    const events = readEvents(`${server.url}events`, (frame) => frame.event === 'clips');
    // The feed's first pass (at start) is the baseline; this render changes TEA-001's video.
    const yaml = await readFile(world.spec, 'utf8');
    await writeFile(world.spec, yaml.replace(/caption: .*# hostile on purpose/, 'caption: "rendered by promo render"   # hostile on purpose'));
    await renderWorld(world);
    const frames = await events;
    expect(JSON.parse(frames.at(-1)!.data)).toEqual({ changed: [productKey(world.spec, 'TEA-001')] });
  });
});
