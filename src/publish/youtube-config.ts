// The YouTube channel's settings as drivers get them, with their defaults applied once.
import { parseDuration } from '../time/parse-duration.ts';
import type { ChannelConfig } from './channel-types.ts';

export type YoutubeConfig = Extract<ChannelConfig, { type: 'youtube' }>;

export interface YoutubeSettings {
  privacy: 'public' | 'unlisted' | 'private';
  category: string;
  madeForKids: boolean;
  /** Seconds before the due time to upload. */
  leadSeconds: number;
}

/** The channel's settings, defaults filled in (configs built by hand may leave them out). */
export function youtubeSettings(config: YoutubeConfig): YoutubeSettings {
  return {
    privacy: config.privacy ?? 'public',
    category: config.category ?? '22',
    madeForKids: config.madeForKids ?? false,
    leadSeconds: parseDuration(config.lead ?? '2h') ?? 7200,
  };
}
