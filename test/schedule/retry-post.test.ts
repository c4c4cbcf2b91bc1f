// `promo posts retry`: a person's retry restarts the grace, so a post missed while the daemon was
// down can still go out; never once the stream has started.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

const spec = {
  stream: { title: '年货节好茶专场', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai', url: 'https://live.example.com/room/8848' },
  products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
  posts: [{ at: '-3h', text: '{{countdown}}开播，{{stream.title}}', channels: ['outbox'] }],
};

describe('promo posts retry', () => {
  it('sends a missed post within the grace after the retry, and refuses once the stream has started', async () => {
    const dir = await makeSpecDir(spec, { config: { channels: { outbox: { type: 'folder', dir: 'out/outbox' } }, posts: { grace: '15m' } } });
    const promo = (...args: string[]) => runCli([...args, '--config', dir.config], { cwd: dir.dir });
    const list = async () => JSON.parse((await promo('posts', '--json')).stdout) as { id: number; state: string; detail?: string }[];

    expect((await promo('schedule', 'spec.yaml')).code).toBe(0);
    // The daemon was down at 17:00 (09:00 UTC); at 17:30 the post is past its grace.
    // (exit 1: something needs a person)
    expect((await promo('daemon', '--once', '--now', '2026-12-01T09:30:00Z')).code).toBe(1);
    expect((await list())[0]).toMatchObject({ id: 1, state: 'missed' });

    const retried = await promo('posts', 'retry', '1', '--now', '2026-12-01T09:40:00Z');
    expect(retried.code).toBe(0);
    expect(retried.stdout).toMatch(/pending again; the daemon sends it at its next tick \(until 2026-12-01 17:55 Asia\/Shanghai\)/);
    // Later than the retry's grace: missed again, and it says why.
    const late = await promo('daemon', '--once', '--now', '2026-12-01T09:56:00Z');
    expect(late.stdout).toMatch(/missed 1/);
    expect((await list())[0]!.detail).toMatch(/16 min late after the retry/);

    expect((await promo('posts', 'retry', '1', '--now', '2026-12-01T10:00:00Z')).code).toBe(0);
    const sent = await promo('daemon', '--once', '--now', '2026-12-01T10:01:00Z');
    expect(sent.stdout).toMatch(/sent 1/);
    expect((await list())[0]).toMatchObject({ state: 'sent' });
    const [folder] = await readdir(join(dir.out, 'outbox'));
    expect(await readFile(join(dir.out, 'outbox', folder!, 'text.txt'), 'utf8')).toBe('3小时后开播，年货节好茶专场');

    // A sent post is not retried; a post of a stream that has started cannot be.
    const again = await promo('posts', 'retry', '1', '--now', '2026-12-01T10:02:00Z');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/post #1 is sent; only failed, unknown or missed posts can be retried/);
  });

  it('refuses to retry a post after its stream has started', async () => {
    const dir = await makeSpecDir(spec, { config: { channels: { outbox: { type: 'folder', dir: 'out/outbox' } } } });
    const promo = (...args: string[]) => runCli([...args, '--config', dir.config], { cwd: dir.dir });
    expect((await promo('schedule', 'spec.yaml')).code).toBe(0);
    expect((await promo('daemon', '--once', '--now', '2026-12-01T12:05:00Z')).stdout).toMatch(/missed 1/);
    const refused = await promo('posts', 'retry', '1', '--now', '2026-12-01T12:10:00Z');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/announces a stream that started at 2026-12-01T12:00:00.000Z/);
    expect(JSON.parse((await promo('posts', '--json')).stdout)[0].state).toBe('missed');
  });
});
