// Imported posts are tied to the posts promo sent: by the platform's id when both know it, else by
// title or text within 3 hours; a post on another platform, or much earlier, is not.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFixtures } from '../../scripts/insights/export-fixtures.ts';
import { importExports } from '../../src/insights/import-exports.ts';
import { linkPromoPosts } from '../../src/insights/link-promo-posts.ts';
import { openStateDb, type StateDb } from '../../src/store/open-state-db.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';

function sentPost(db: StateDb, values: { key: string; channel: string; text: string; title?: string; sentAt: string; remoteId?: string }): number {
  return Number(db.prepare(`INSERT INTO posts (key, spec, post_index, channel, occurrence_ms, due_ms, local_time, zone, text, title, stream_title, state, sent_at, remote_id, created_at, updated_at)
    VALUES (?, 's.yaml', 0, ?, 0, ?, '-', 'Asia/Shanghai', ?, ?, '专场', 'sent', ?, ?, 'x', 'x')`)
    .run(values.key, values.channel, Date.parse(values.sentAt), values.text, values.title ?? null, values.sentAt, values.remoteId ?? null).lastInsertRowid);
}

describe('linkPromoPosts', () => {
  it('links by id, else by text near the time', async () => {
    const fixtures = await exportFixtures();
    const dir = makeTempDir('insights-link-');
    const files = ['douyin-works.xlsx', 'youtube-export.zip'].map((name) => {
      writeFileSync(join(dir, name), fixtures[name]!);
      return join(dir, name);
    });
    const db = openStateDb(join(dir, 'state.db'));
    // Sent a minute before the export's 20:15 Beijing time, text as promo wrote it.
    const teapot = sentPost(db, { key: 'a', channel: 'dy', text: '紫砂壶开箱｜今晚8点直播间见 #茶', sentAt: '2026-07-24T12:14:10.000Z' });
    // Same words, but a day away: not this post.
    sentPost(db, { key: 'b', channel: 'dy', text: '茶杯套装上新，今晚见', sentAt: '2026-07-26T10:05:00.000Z' });
    // The same text on another platform's channel: not a Douyin post.
    sentPost(db, { key: 'c', channel: 'ks', text: '明前龙井试喝', sentAt: '2026-07-25T04:00:00.000Z' });
    const video = sentPost(db, { key: 'd', channel: 'yt', text: 'desc', title: 'Yixing teapot unboxing!', sentAt: '2026-07-24T03:00:00.000Z', remoteId: 'dQw4w9WgXcQ' });
    await importExports({ files, db, zoneOf: () => 'Asia/Shanghai', now: Date.UTC(2026, 7, 1) });
    expect(linkPromoPosts(db, { dy: 'douyin', ks: 'kuaishou', yt: 'youtube' })).toBe(2);
    const links = db.prepare('SELECT platform, title, promo_post_id FROM insight_posts WHERE promo_post_id IS NOT NULL ORDER BY platform').all();
    expect(links).toEqual([
      { platform: 'douyin', title: '紫砂壶开箱｜今晚8点直播间见\n手工紫砂，一壶一证，直播间专享价', promo_post_id: teapot },
      { platform: 'youtube', title: 'Yixing teapot unboxing', promo_post_id: video },
    ]);
    // Linking again changes nothing.
    expect(linkPromoPosts(db, { dy: 'douyin', ks: 'kuaishou', yt: 'youtube' })).toBe(0);
    db.close();
  });
});
