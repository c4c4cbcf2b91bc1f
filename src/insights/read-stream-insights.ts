// What the stream exports answer: which start hours and lengths bring the most viewers and sales
// per hour (totals grow with length, so per hour is the fair comparison), which clips sent
// viewers into the live room and how long before the start that worked best, and which
// products sell (per platform), from the stream workbooks and 罗盘's per-clip product column.
import type { StateDb } from '../store/open-state-db.ts';
import { localHour } from './local-hour.ts';

export interface SlotStat {
  /** Start hour 0–23, or a length band (`<2h`, `2–4h`, `4h+`). */
  slot: number | string;
  streams: number;
  viewersPerHour: number | null;
  gmvPerHour: number | null;
}

export interface LeadStat {
  /** `T-15m` (up to 45 min before), `T-3h` (up to 6 h), `T-24h` (up to 36 h), `earlier`. */
  lead: string;
  clips: number;
  /** Mean viewers sent into the room per clip. */
  referrals: number;
  /** Viewers sent per 1000 showings of the clip's live entrance. */
  perThousand: number | null;
}

export interface StreamInsights {
  platform: string;
  account: string;
  streams: number;
  byStartHour: SlotStat[];
  byLength: SlotStat[];
  clips: { title: string; streamStartMs: number; postedMs: number; lead: string; referrals: number | null; entryImpressions: number | null }[];
  byLead: LeadStat[];
  bestLead: string | null;
  products: { productId: string; name: string; streams: number; gmv: number; units: number; clickRate: number | null; payRate: number | null }[];
  productClips: { product: string; clips: number; views: number; referrals: number; gmv: number }[];
}

/** Stream, clip and product answers for every account with stream data. */
export function readStreamInsights(db: StateDb, options: { platform?: string; sinceMs?: number; zoneOf: (account: string) => string }): StreamInsights[] {
  const since = options.sinceMs ?? -8.64e15;
  const accounts = db.prepare(`SELECT DISTINCT platform, account FROM (SELECT platform, account FROM insight_streams UNION SELECT platform, account FROM insight_referrals
    UNION SELECT platform, account FROM insight_products UNION SELECT platform, account FROM insight_posts WHERE extra LIKE '%"product"%') ${options.platform ? 'WHERE platform = ?' : ''} ORDER BY platform, account`)
    .all(...(options.platform ? [options.platform] : [])) as { platform: string; account: string }[];
  return accounts.map(({ platform, account }) => {
    const where = localHour(options.zoneOf(account));
    const streams = db.prepare('SELECT start_ms, end_ms, viewers, gmv FROM insight_streams WHERE platform = ? AND account = ? AND start_ms >= ? ORDER BY start_ms').all(platform, account, since) as { start_ms: number; end_ms: number | null; viewers: number | null; gmv: number | null }[];
    const timed = streams.filter((s) => s.end_ms !== null && s.end_ms > s.start_ms).map((s) => ({ ...s, hours: (s.end_ms! - s.start_ms) / 3_600_000 }));
    const clips = (db.prepare('SELECT title, stream_start_ms, posted_ms, referrals, entry_impressions FROM insight_referrals WHERE platform = ? AND account = ? AND stream_start_ms >= ? ORDER BY stream_start_ms, posted_ms').all(platform, account, since) as { title: string; stream_start_ms: number; posted_ms: number; referrals: number | null; entry_impressions: number | null }[])
      .map((c) => ({ title: c.title, streamStartMs: c.stream_start_ms, postedMs: c.posted_ms, lead: leadOf(c.stream_start_ms - c.posted_ms), referrals: c.referrals, entryImpressions: c.entry_impressions }));
    const byLead = ['T-15m', 'T-3h', 'T-24h', 'earlier'].map((lead) => {
      const mine = clips.filter((c) => c.lead === lead && c.referrals !== null);
      const shown = mine.filter((c) => c.entryImpressions);
      return {
        lead, clips: mine.length, referrals: mine.length ? round(mine.reduce((s, c) => s + c.referrals!, 0) / mine.length) : 0,
        perThousand: shown.length ? round((1000 * shown.reduce((s, c) => s + c.referrals!, 0)) / shown.reduce((s, c) => s + c.entryImpressions!, 0)) : null,
      };
    }).filter((l) => l.clips > 0);
    const products = (db.prepare(`SELECT product_id, MAX(name) AS name, COUNT(*) AS streams, SUM(gmv) AS gmv, SUM(units) AS units, SUM(clicks) AS clicks, SUM(exposure) AS exposure, SUM(buyers) AS buyers
      FROM insight_products WHERE platform = ? AND account = ? AND stream_start_ms >= ? GROUP BY product_id ORDER BY SUM(gmv) DESC`).all(platform, account, since) as Record<string, number | string | null>[])
      .map((p) => ({ productId: String(p.product_id), name: String(p.name), streams: Number(p.streams), gmv: Number(p.gmv ?? 0), units: Number(p.units ?? 0),
        clickRate: p.exposure ? round(Number(p.clicks) / Number(p.exposure)) : null, payRate: p.clicks ? round(Number(p.buyers) / Number(p.clicks)) : null }));
    const productClips = (db.prepare(`SELECT json_extract(extra, '$.product') AS product, COUNT(*) AS clips, SUM(COALESCE(views, 0)) AS views, SUM(COALESCE(live_referrals, 0)) AS referrals, SUM(COALESCE(gmv, 0)) AS gmv
      FROM insight_posts WHERE platform = ? AND account = ? AND published_ms >= ? AND json_extract(extra, '$.product') IS NOT NULL GROUP BY 1 ORDER BY SUM(COALESCE(gmv, 0)) DESC, SUM(COALESCE(views, 0)) DESC`).all(platform, account, since) as { product: string; clips: number; views: number; referrals: number; gmv: number }[])
      .map((p) => ({ ...p, product: String(p.product) }));
    return {
      platform, account, streams: streams.length,
      byStartHour: slotStats(timed, (s) => where(s.start_ms).hour).sort((a, b) => (a.slot as number) - (b.slot as number)),
      byLength: slotStats(timed, (s) => (s.hours < 2 ? '<2h' : s.hours <= 4 ? '2–4h' : '4h+')),
      clips, byLead, bestLead: [...byLead].sort((a, b) => b.referrals - a.referrals)[0]?.lead ?? null,
      products, productClips,
    };
  });
}

function slotStats<T extends { viewers: number | null; gmv: number | null; hours: number }>(streams: T[], slotOf: (s: T) => number | string): SlotStat[] {
  const groups = new Map<number | string, T[]>();
  for (const s of streams) groups.set(slotOf(s), [...(groups.get(slotOf(s)) ?? []), s]);
  const perHour = (list: T[], key: 'viewers' | 'gmv') => {
    const known = list.filter((s) => s[key] !== null);
    return known.length ? round(known.reduce((sum, s) => sum + s[key]! / s.hours, 0) / known.length) : null;
  };
  return [...groups].map(([slot, list]) => ({ slot, streams: list.length, viewersPerHour: perHour(list, 'viewers'), gmvPerHour: perHour(list, 'gmv') }));
}

function leadOf(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes <= 45) return 'T-15m';
  if (minutes <= 360) return 'T-3h';
  if (minutes <= 36 * 60) return 'T-24h';
  return 'earlier';
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
