// A recurring stream keeps being announced: the daemon schedules each occurrence's posts as it
// comes within the horizon, until the spec is cancelled or stops recurring. Real CLI, real state.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

const spec = {
  // Tuesdays 20:00 in Shanghai (12:00 UTC).
  stream: { title: '每周二好茶专场', repeat: '0 20 * * 2', timezone: 'Asia/Shanghai', url: 'https://live.example.com/room/8848' },
  products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
  posts: [{ at: '-3h', text: '{{stream.date}} {{countdown}}开播', channels: ['outbox'] }],
};

describe('recurring streams in the daemon', () => {
  it('schedules the next occurrences as they come within the horizon, and stops when the spec is cancelled', async () => {
    const dir = await makeSpecDir(spec, { config: { channels: { outbox: { type: 'folder', dir: 'out/outbox' } }, posts: { horizon: '7d' } } });
    const promo = (...args: string[]) => runCli([...args, '--config', dir.config], { cwd: dir.dir });
    const posts = async () => (JSON.parse((await promo('posts', '--json')).stdout) as { local: string; state: string }[])
      .map((p) => `${p.local} ${p.state}`);

    expect((await promo('schedule', 'spec.yaml', '--now', '2026-11-25T00:00:00Z')).code).toBe(0);
    expect(await posts()).toEqual(['2026-12-01 17:00 pending']);

    // The first stream's post goes out; the next Tuesday is not within 7 days yet.
    const first = await promo('daemon', '--once', '--now', '2026-12-01T09:00:30Z');
    expect(first.stdout).toMatch(/sent 1/);
    expect(await posts()).toEqual(['2026-12-01 17:00 sent']);

    // A day later the next Tuesday is within the horizon: its post is added, nothing is resent.
    const later = await promo('daemon', '--once', '--now', '2026-12-02T00:00:00Z');
    expect(later.code).toBe(0);
    expect(later.stderr).toMatch(/1 post scheduled for the stream's next occurrences/);
    expect(await posts()).toEqual(['2026-12-01 17:00 sent', '2026-12-08 17:00 pending']);
    expect((await promo('daemon', '--once', '--now', '2026-12-02T00:01:00Z')).stderr).not.toMatch(/scheduled for the stream's next/);

    expect((await promo('daemon', '--once', '--now', '2026-12-08T09:00:30Z')).stdout).toMatch(/sent 1/);
    const texts = await Promise.all((await readdir(join(dir.out, 'outbox'))).sort()
      .map((folder) => readFile(join(dir.out, 'outbox', folder, 'text.txt'), 'utf8')));
    expect(texts).toEqual(['12月1日 周二 3小时后开播', '12月8日 周二 3小时后开播']);

    // A spec that no longer loads is reported; its posts stay as they are.
    const good = await readFile(dir.spec, 'utf8');
    await writeFile(dir.spec, `${good}\nbogus: 1\n`);
    const broken = await promo('daemon', '--once', '--now', '2026-12-09T00:00:00Z');
    expect(broken.stderr).toMatch(/not scheduling its next streams: the spec has 1 problem/);
    expect(await posts()).toHaveLength(2);
    await writeFile(dir.spec, good);

    // Cancelled: no more occurrences.
    expect((await promo('posts', 'cancel', 'spec.yaml')).code).toBe(0);
    await promo('daemon', '--once', '--now', '2026-12-20T00:00:00Z');
    expect(await posts()).toEqual(['2026-12-01 17:00 sent', '2026-12-08 17:00 sent']);
  });
});
