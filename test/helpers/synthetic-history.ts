// Seeded synthetic posting histories for the best-times tests: posts every `every` days from
// 2025-01-06 in the account's zone, views growing 4x over the history with log-normal noise, and
// an optional planted effect by local weekday and hour.
import { DateTime } from 'luxon';
import { rng as seeded } from '../../scripts/samples/sample-kit.ts';
import type { ScoredPostInput } from '../../src/insights/rank-best-times.ts';

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export interface History {
  posts: number;
  zone: string;
  hours: (i: number, random: () => number) => number;
  /** Multiplier of a post's views by its local weekday and hour. */
  effect?: (weekday: number, hour: number) => number;
  seed: number;
  /** Days between posts (default 1.3). */
  every?: number;
}

/** Posts every `every` days from 2025-01-06, views growing 4× over the history, log-normal noise. */
export function syntheticHistory(h: History): ScoredPostInput[] {
  const random = seeded(h.seed);
  const start = DateTime.fromObject({ year: 2025, month: 1, day: 6 }, { zone: h.zone });
  return Array.from({ length: h.posts }, (_, i) => {
    const at = start.plus({ days: Math.floor(i * (h.every ?? 1.3)) }).set({ hour: h.hours(i, random), minute: Math.floor(random() * 60) });
    const growth = 4 ** (i / h.posts);
    const value = 2000 * growth * Math.exp(0.5 * gaussian(random)) * (h.effect?.(at.weekday % 7, at.hour) ?? 1);
    return { publishedMs: at.toMillis(), value: Math.round(value) };
  });
}

