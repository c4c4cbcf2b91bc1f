// What an account's best times are measured by: `--metric` when given, else
// `insights.accounts.NAME.metric`, else `insights.platforms.PLATFORM.metric`, else `insights.metric`,
// else views. The answers, `at: best` and the dashboard all read by it.
import type { BestTimesMetric, PromoConfig } from '../config/config-types.ts';

/** A lookup (platform, account) → the metric asked for; `override` is `--metric`. */
export function accountMetric(config: PromoConfig, override?: BestTimesMetric): (platform: string, account: string) => BestTimesMetric {
  return (platform, account) => override
    ?? config.insights?.accounts[account]?.metric
    ?? config.insights?.platforms[platform]?.metric
    ?? config.insights?.metric
    ?? 'views';
}
