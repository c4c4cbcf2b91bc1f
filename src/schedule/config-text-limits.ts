// The longest text each configured channel takes, for planning posts against the configuration.
import type { PromoConfig } from '../config/config-types.ts';
import { channelTextLimit } from '../publish/channel-limits.ts';
import type { PlanPostsOptions } from './plan-posts.ts';

/** The text limits of the configuration's channels (Telegram captions are shorter, WeCom markdown longer). */
export function configTextLimits(config: PromoConfig): PlanPostsOptions['textLimit'] {
  return (channel, withVideo) => {
    const definition = config.channels[channel];
    return definition && channelTextLimit(definition, withVideo);
  };
}
