// What `promo insights` answers (best times, stream slots, 引流 lead times, products), read from
// the read-only state database for the dashboard's Insights page. Each account's exports are read
// in `insights.accounts.NAME.timezone`, else the config's zone, and best times measured by the
// account's metric (insights.metric and its per-platform and per-account settings), as the CLI does.
import type { PromoConfig } from '../config/config-types.ts';
import { accountMetric } from '../insights/account-metric.ts';
import { accountZone } from '../insights/account-zone.ts';
import { readBestTimes, type AccountBestTimes } from '../insights/read-best-times.ts';
import { readStreamInsights, type StreamInsights } from '../insights/read-stream-insights.ts';
import type { StateDb } from '../store/open-state-db.ts';

export interface InsightsView {
  bestTimes: AccountBestTimes[];
  streams: StreamInsights[];
}

/** Every answer; nothing when there is no state database or nothing was imported. */
export function readInsights(config: PromoConfig, db: StateDb | undefined): InsightsView {
  if (!db) return { bestTimes: [], streams: [] };
  const zoneOf = accountZone(config);
  return { bestTimes: readBestTimes(db, { zoneOf, metricOf: accountMetric(config) }), streams: readStreamInsights(db, { zoneOf }) };
}
