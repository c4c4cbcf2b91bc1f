// Which account's best times a channel's `at: best` posts follow: the insights account named like
// the channel if it has data, else the one named after the channel's platform (the import's
// default), measured by that account's metric (account-metric.ts). Read once per channel from the
// state database.
import type { PromoConfig } from '../config/config-types.ts';
import type { StateDb } from '../store/open-state-db.ts';
import { accountMetric } from './account-metric.ts';
import { accountZone } from './account-zone.ts';
import { readBestTimes, type AccountBestTimes } from './read-best-times.ts';

/** A lookup channel → its account's best times (undefined without data or without a database). */
export function bestTimesLookup(db: StateDb | undefined, config: PromoConfig): (channel: string) => AccountBestTimes | undefined {
  const cache = new Map<string, AccountBestTimes | undefined>();
  const zoneOf = accountZone(config);
  const metricOf = accountMetric(config);
  return (channel) => {
    if (cache.has(channel)) return cache.get(channel);
    const platform = config.channels[channel]?.type;
    let found: AccountBestTimes | undefined;
    if (db && platform) {
      const all = readBestTimes(db, { platform, zoneOf, metricOf });
      found = all.find((b) => b.account === channel) ?? all.find((b) => b.account === platform);
    }
    cache.set(channel, found);
    return found;
  };
}
