// `promo insights …`: import platform exports, print the answers (best times, stream slots, what
// drove the stream, products), the best-times JSON, and the HTML report.
import { relative } from 'node:path';
import type { BestTimesMetric, PromoConfig } from '../config/config-types.ts';
import { BEST_TIMES_METRIC_NAMES } from '../config/insights-schema.ts';
import { accountMetric } from '../insights/account-metric.ts';
import { accountZone } from '../insights/account-zone.ts';
import { EXPORT_FORMATS, INSIGHT_PLATFORMS } from '../insights/export-formats.ts';
import { importExports } from '../insights/import-exports.ts';
import { linkPromoPosts } from '../insights/link-promo-posts.ts';
import { readBestTimes, type AccountBestTimes } from '../insights/read-best-times.ts';
import { readStreamInsights, type StreamInsights } from '../insights/read-stream-insights.ts';
import { roundPerHour } from '../insights/round-per-hour.ts';
import { openStateDb } from '../store/open-state-db.ts';
import { openStateDbReadonly } from '../store/open-state-db-readonly.ts';
import { PromoError } from '../util/promo-error.ts';
import type { CliIo } from './cli-io.ts';
import { loadCliConfig } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';
import { formatTable } from './format-table.ts';
import { formatSlot } from '../insights/format-slot.ts';

const show = (file: string) => relative(process.cwd(), file) || file;

function checkPlatform(platform: string | undefined): void {
  if (platform && !INSIGHT_PLATFORMS.includes(platform)) {
    throw new PromoError('USAGE', `--platform ${platform} is not a platform promo reads exports of`, { hint: `use one of ${INSIGHT_PLATFORMS.join(', ')}` });
  }
}

/** `promo insights import <file>…`: exit 0, or 1 when some file or row could not be read (the rest is imported). */
export async function insightsImportCommand(io: CliIo, files: string[], options: { config?: string; platform?: string; account?: string; now?: string }): Promise<number> {
  checkPlatform(options.platform);
  const config = await loadCliConfig(options.config);
  const db = openStateDb(config.state);
  try {
    const result = await importExports({ files, db, platform: options.platform, account: options.account, zoneOf: accountZone(config), now: options.now ? Date.parse(options.now) : Date.now() });
    const linked = linkPromoPosts(db, Object.fromEntries(Object.entries(config.channels).map(([name, c]) => [name, c.type])));
    for (const sheet of result.sheets) {
      const label = EXPORT_FORMATS.find((f) => f.id === sheet.format)!.label;
      io.stdout.write(`${show(sheet.file)} › ${sheet.sheet}: ${label} → ${sheet.platform}/${sheet.account}: ${sheet.rows} row${sheet.rows === 1 ? '' : 's'}, ${sheet.added} new\n`);
    }
    for (const sheet of result.ignored) io.stdout.write(`${show(sheet)}: not an export promo reads, left alone\n`);
    if (linked > 0) io.stdout.write(`linked ${linked} imported post${linked === 1 ? '' : 's'} to posts promo sent\n`);
    for (const p of result.problems) io.stderr.write(`${show(p.where)}${p.row ? `: row ${p.row}` : ''}${p.column ? `, column ${p.column}` : ''}: ${p.message}\n`);
    if (result.problems.length > 0) io.stderr.write(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; everything else was imported\n`);
    return result.problems.length > 0 ? EXIT.someFailed : EXIT.ok;
  } finally {
    db.close();
  }
}

interface AnswerOptions { config?: string; platform?: string; account?: string; since?: string; json?: boolean; metric?: string }

function checkMetric(metric: string | undefined): BestTimesMetric | undefined {
  if (metric !== undefined && !(BEST_TIMES_METRIC_NAMES as readonly string[]).includes(metric)) {
    throw new PromoError('USAGE', `--metric ${metric} is not a metric best times can be measured by`, { hint: `use one of ${BEST_TIMES_METRIC_NAMES.join(', ')} (README, Insights)` });
  }
  return metric as BestTimesMetric | undefined;
}

/** Reads every answer (nothing when the state database does not exist yet). */
export async function readAnswers(options: AnswerOptions): Promise<{ config: PromoConfig; bestTimes: AccountBestTimes[]; streams: StreamInsights[] }> {
  checkPlatform(options.platform);
  const metric = checkMetric(options.metric);
  const config = await loadCliConfig(options.config);
  let sinceMs: number | undefined;
  if (options.since) {
    sinceMs = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(options.since) ? `${options.since}T00:00:00Z` : options.since);
    if (Number.isNaN(sinceMs)) throw new PromoError('USAGE', `--since ${options.since} is not a date`, { hint: 'write 2026-07-01 or an ISO time' });
  }
  const db = openStateDbReadonly(config.state);
  if (!db) return { config, bestTimes: [], streams: [] };
  try {
    const zoneOf = accountZone(config);
    return {
      config,
      bestTimes: readBestTimes(db, { platform: options.platform, account: options.account, sinceMs, zoneOf, metricOf: accountMetric(config, metric) }),
      streams: readStreamInsights(db, { platform: options.platform, sinceMs, zoneOf }),
    };
  } finally {
    db.close();
  }
}

/** `promo insights`: best times, stream slots, what drove the stream, products. */
export async function insightsCommand(io: CliIo, options: AnswerOptions): Promise<number> {
  const { bestTimes, streams } = await readAnswers(options);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ bestTimes, streams }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (bestTimes.length === 0 && streams.length === 0) {
    io.stdout.write('nothing imported yet: run `promo insights import <export files>` (see README, Insights)\n');
    return EXIT.ok;
  }
  for (const b of bestTimes) {
    io.stdout.write(`\n${b.platform}/${b.account} — best times to post (${b.method}, by ${b.metric}, ${b.zone}): ${b.note}\n`);
    if (b.slots.length > 0) {
      io.stdout.write(formatTable([['slot', 'lift', 'posts', ''], ...b.slots.slice(0, 8).map((s) => [formatSlot(s, b.method), `${s.lift.toFixed(2)}×`, String(s.posts), s.confident ? (s.lift > 1 ? 'clearly better' : 'clearly worse') : ''])]));
    }
  }
  for (const s of streams) {
    io.stdout.write(`\n${s.platform}/${s.account} — ${s.streams} stream${s.streams === 1 ? '' : 's'}\n`);
    if (s.byStartHour.length > 0) {
      io.stdout.write('stream slots (per hour live):\n');
      io.stdout.write(formatTable([['start / length', 'streams', 'viewers/h', 'sales/h'], ...[...s.byStartHour, ...s.byLength].map((x) => [typeof x.slot === 'number' ? `${String(x.slot).padStart(2, '0')}:00` : x.slot, String(x.streams), num(roundPerHour(x.viewersPerHour)), num(roundPerHour(x.gmvPerHour))])]));
    }
    if (s.byLead.length > 0) {
      io.stdout.write(`what drove the stream (短视频引流): best lead time ${s.bestLead}\n`);
      io.stdout.write(formatTable([['lead', 'clips', 'viewers sent per clip', 'per 1000 entrance views'], ...s.byLead.map((l) => [l.lead, String(l.clips), num(l.referrals), num(l.perThousand)])]));
      io.stdout.write(formatTable([['clip', 'lead', 'viewers sent'], ...s.clips.map((c) => [c.title.slice(0, 30), c.lead, num(c.referrals)])]));
    }
    if (s.products.length > 0) io.stdout.write(`products:\n${formatTable([['product', 'streams', 'sales', 'units', 'click rate', 'pay rate'], ...s.products.map((p) => [p.name.slice(0, 24), String(p.streams), num(p.gmv), num(p.units), pct(p.clickRate), pct(p.payRate)])])}`);
    if (s.productClips.length > 0) io.stdout.write(`products' clips:\n${formatTable([['product id', 'clips', 'views', 'viewers sent', 'sales'], ...s.productClips.map((p) => [p.product, String(p.clips), num(p.views), num(p.referrals), num(p.gmv)])])}`);
  }
  return EXIT.ok;
}

/** `promo insights best-times`: per platform, what the slots were ranked by, the ranked slots, and why there are as many as there are. */
export async function insightsBestTimesCommand(io: CliIo, options: AnswerOptions): Promise<number> {
  const { bestTimes } = await readAnswers(options);
  // Per platform: its default account (named after it) if imported, else the one with most posts.
  const byPlatform: Record<string, BestTimesJson> = {};
  for (const platform of [...new Set(bestTimes.map((b) => b.platform))]) {
    const mine = bestTimes.filter((b) => b.platform === platform);
    const chosen = mine.find((b) => b.account === platform) ?? [...mine].sort((a, b) => b.posts - a.posts)[0]!;
    // Each slot names the metric too, so a slot read on its own still says what its lift is of.
    const metric = chosen.method === 'follower-activity' ? 'active_followers' : chosen.metric;
    byPlatform[platform] = {
      account: chosen.account, zone: chosen.zone, metric, requested: chosen.requested, ...(chosen.metricNote ? { metricNote: chosen.metricNote } : {}),
      method: chosen.method, posts: chosen.posts, reason: chosen.reason, note: chosen.note,
      slots: chosen.slots.map(({ weekday, hour, lift, posts }) => ({ weekday, hour, lift, posts, metric })),
    };
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(byPlatform, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const b of bestTimes) io.stdout.write(`${b.platform}/${b.account} by ${b.method === 'follower-activity' ? 'follower activity' : b.metric}: ${b.slots.slice(0, 3).map((s) => `${formatSlot(s, b.method)} (${s.lift.toFixed(2)}×, ${s.posts} posts)`).join(', ') || '-'} — ${b.note}\n`);
  return EXIT.ok;
}

/** One platform in `promo insights best-times --json` (README, Insights). */
interface BestTimesJson {
  account: string;
  zone: string;
  /** What the slots were ranked by: the account's metric, or `active_followers` (follower activity). */
  metric: string;
  /** The metric asked for (config or --metric); `metricNote` says why `metric` differs. */
  requested: string;
  metricNote?: string;
  method: AccountBestTimes['method'];
  posts: number;
  /** Why the list is as long as it is (`too-few-posts` with `more` posts needed, `too-few-slots`, `ranked`). */
  reason: AccountBestTimes['reason'];
  /** The same in English, as the text output prints it. */
  note: string;
  slots: { weekday: number | null; hour: number; lift: number; posts: number; metric: string }[];
}

function num(x: number | null): string {
  return x === null ? '-' : Number.isInteger(x) ? String(x) : x.toFixed(1);
}

function pct(x: number | null): string {
  return x === null ? '-' : `${(x * 100).toFixed(1)}%`;
}
