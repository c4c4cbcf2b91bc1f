// Ties imported posts to the posts promo sent, so the team sees how each promo clip did: the same
// platform (a channel of that type), and the platform's id when both know it, else the title (or
// the text's start) within 3 hours of when promo sent it.
import type { StateDb } from '../store/open-state-db.ts';

const WINDOW_MS = 3 * 3_600_000;

/** Links unlinked imported posts; `channelPlatforms` maps channel name → platform (its type). Returns how many were linked. */
export function linkPromoPosts(db: StateDb, channelPlatforms: Record<string, string>): number {
  const byPlatform = new Map<string, string[]>();
  for (const [channel, platform] of Object.entries(channelPlatforms)) byPlatform.set(platform, [...(byPlatform.get(platform) ?? []), channel]);
  const update = db.prepare('UPDATE insight_posts SET promo_post_id = ? WHERE id = ?');
  let linked = 0;
  db.transaction(() => {
    for (const [platform, channels] of byPlatform) {
      const sent = (db.prepare(`SELECT id, title, text, remote_id, remote_url, sent_at, due_ms FROM posts WHERE state = 'sent' AND channel IN (${channels.map(() => '?').join(',')})`).all(...channels) as
        { id: number; title: string | null; text: string; remote_id: string | null; remote_url: string | null; sent_at: string | null; due_ms: number }[])
        .map((p) => ({ ...p, at: p.sent_at ? Date.parse(p.sent_at) : p.due_ms, words: [squash(p.title ?? ''), squash(p.text).slice(0, 40)].filter((w) => w.length >= 4) }));
      if (sent.length === 0) continue;
      const taken = new Set((db.prepare('SELECT promo_post_id FROM insight_posts WHERE promo_post_id IS NOT NULL').pluck().all() as number[]));
      const open = db.prepare('SELECT id, remote_id, title, published_ms FROM insight_posts WHERE platform = ? AND promo_post_id IS NULL').all(platform) as { id: number; remote_id: string | null; title: string; published_ms: number }[];
      for (const post of open) {
        const title = squash(post.title);
        const match = sent.find((p) => !taken.has(p.id) && post.remote_id && p.remote_id && (post.remote_id === p.remote_id || post.remote_id.includes(p.remote_id) || post.remote_id === p.remote_url))
          ?? sent.filter((p) => !taken.has(p.id) && Math.abs(p.at - post.published_ms) <= WINDOW_MS && title.length >= 4
            && p.words.some((w) => similar(title, w)))
            .sort((a, b) => Math.abs(a.at - post.published_ms) - Math.abs(b.at - post.published_ms))[0];
        if (!match) continue;
        update.run(match.id, post.id);
        taken.add(match.id);
        linked++;
      }
    }
  })();
  return linked;
}

/** Either text holds the other's start (up to 12 characters, at least 4). */
function similar(a: string, b: string): boolean {
  const n = Math.min(12, a.length, b.length);
  return n >= 4 && (a.includes(b.slice(0, n)) || b.includes(a.slice(0, n)));
}

/** Text compared without spaces, punctuation or case. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}
