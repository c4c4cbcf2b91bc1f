// The zone an account's exports are written in: `insights.accounts.NAME.timezone` in config.yaml,
// else the config's zone. The import, the answers, `at: best` and the dashboard all read by it.
import type { PromoConfig } from '../config/config-types.ts';

/** A lookup account → the IANA zone its exports' times are in. */
export function accountZone(config: PromoConfig): (account: string) => string {
  return (account) => config.insights?.accounts[account]?.timezone ?? config.timezone;
}
