// The best-times method on seeded synthetic histories: a planted effect (posts at 20:00 do 3×
// better) must be found, and where there is none, none may be claimed, even when the account
// grew while it moved its posts to a later hour. Times are built in the account's zone, never
// the machine's, and nothing depends on today's date.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { rankBestTimes } from '../../src/insights/rank-best-times.ts';
import { syntheticHistory as history } from '../helpers/synthetic-history.ts';

const HOURS = [8, 12, 15, 18, 20, 22];
const anyHour = (_: number, random: () => number) => HOURS[Math.floor(random() * HOURS.length)]!;

describe('rankBestTimes', () => {
  it('finds the hour whose posts do 3× better', () => {
    for (const seed of [1, 2, 3]) {
      const posts = history({ posts: 200, zone: 'Asia/Shanghai', hours: anyHour, effect: (_, hour) => (hour === 20 ? 3 : 1), seed });
      const best = rankBestTimes(posts, 'Asia/Shanghai');
      expect(best.method).toBe('hour-of-day');
      expect(best.slots[0]).toMatchObject({ weekday: null, hour: 20, confident: true });
      // Shrinkage and recency keep the estimate modest; what matters is that it is found, and clearly.
      expect(best.slots[0]!.lift).toBeGreaterThan(1.5);
      expect(best.slots[0]!.lift).toBeLessThan(4);
      for (const other of best.slots.slice(1)) {
        expect(other.lift).toBeLessThan(best.slots[0]!.lift - 0.4);
        expect(other.confident && other.lift > 1).toBe(false);
      }
      expect(best.note).toMatch(/1 slot does clearly better/);
      expect(best.reason).toEqual({ kind: 'ranked', posts: 200, better: 1 });
    }
  });

  it('claims nothing when no hour is better', () => {
    for (const seed of [4, 5, 6, 7]) {
      const best = rankBestTimes(history({ posts: 200, zone: 'Asia/Shanghai', hours: anyHour, seed }), 'Asia/Shanghai');
      expect(best.method).toBe('hour-of-day');
      expect(best.slots.filter((s) => s.confident)).toEqual([]);
      expect(best.note).toMatch(/no slot does clearly better or worse/);
      expect(best.reason).toEqual({ kind: 'ranked', posts: 200, better: 0 });
    }
  });

  it('is not fooled by growth: an account that grew 4× while moving from 09:00 to 21:00', () => {
    // Every other post at 15:00 throughout; the rest at 09:00 in the first half, 21:00 in the second.
    const posts = history({ posts: 200, zone: 'Asia/Shanghai', hours: (i) => (i % 2 === 0 ? 15 : i < 100 ? 9 : 21), seed: 8 });
    // A plain average per hour would call 21:00 about twice as good.
    const mean = (h: number) => posts.filter((p) => DateTime.fromMillis(p.publishedMs, { zone: 'Asia/Shanghai' }).hour === h).reduce((s, p, _, all) => s + p.value / all.length, 0);
    expect(mean(21) / mean(9)).toBeGreaterThan(1.8);
    const best = rankBestTimes(posts, 'Asia/Shanghai');
    expect(best.method).toBe('hour-of-day');
    expect(best.slots.filter((s) => s.confident)).toEqual([]);
  });

  it('reads hours in the account\'s zone', () => {
    const posts = history({ posts: 200, zone: 'America/New_York', hours: anyHour, effect: (_, hour) => (hour === 12 ? 3 : 1), seed: 10 });
    expect(rankBestTimes(posts, 'America/New_York').slots[0]).toMatchObject({ hour: 12, confident: true });
    // The same instants in Shanghai are 12 or 13 hours later (New York's summer time).
    expect([0, 1]).toContain(rankBestTimes(posts, 'Asia/Shanghai').slots[0]!.hour);
  });

  it('uses hour of week with enough posts', () => {
    const posts = history({ posts: 1500, every: 0.1, zone: 'Asia/Shanghai', hours: anyHour, effect: (weekday, hour) => (weekday === 6 && hour === 20 ? 3 : 1), seed: 11 });
    const best = rankBestTimes(posts, 'Asia/Shanghai');
    expect(best.method).toBe('hour-of-week');
    expect(best.slots[0]).toMatchObject({ weekday: 6, hour: 20, confident: true });
  });

  it('falls back to 3-hour blocks when single hours are too thin', () => {
    const hours = [9, 10, 11, 15, 16, 17, 21, 22, 23];
    const posts = history({ posts: 20, zone: 'UTC', hours: (i) => hours[i % hours.length]!, seed: 12 });
    expect(rankBestTimes(posts, 'UTC').method).toBe('3-hour-block');
    expect(rankBestTimes(posts, 'UTC').slots.map((s) => s.hour).sort((a, b) => a - b)).toEqual([9, 15, 21]);
  });

  it('says how many more posts it needs, and uses follower activity meanwhile', () => {
    const posts = history({ posts: 12, zone: 'UTC', hours: anyHour, seed: 13 });
    const none = rankBestTimes(posts, 'UTC');
    expect(none).toMatchObject({ method: 'none', slots: [], note: '12 posts with an hour: promo needs 20 to rank hours (8 more)' });
    expect(none.reason).toEqual({ kind: 'too-few-posts', posts: 12, needed: 20, more: 8, followers: false });
    const activity = Array.from({ length: 24 }, (_, h) => (h === 21 ? 500 : 100));
    const withActivity = rankBestTimes(posts, 'UTC', activity);
    expect(withActivity.method).toBe('follower-activity');
    expect(withActivity.slots[0]).toMatchObject({ weekday: null, hour: 21, posts: 0 });
    expect(withActivity.note).toMatch(/8 more\); until then, the hours its followers are most active/);
    expect(withActivity.reason).toEqual({ kind: 'too-few-posts', posts: 12, needed: 20, more: 8, followers: true });
  });
});
