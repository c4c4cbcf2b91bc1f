// The video half of what a platform would refuse, checked once the videos exist (after `promo
// schedule` rendered them, or already there for `promo posts plan`): duration and size against
// the kind's limits (src/channels/<type>-kind.ts, with their sources), located at the post's
// `video:` in the spec. Each video is probed once however many posts carry it.
import { stat } from 'node:fs/promises';
import type { ChannelLimits } from '../channels/channel-kind.ts';
import { channelKind } from '../channels/channel-registry.ts';
import { CHANNEL_LIMITS } from '../publish/channel-limits.ts';
import type { PromoConfig } from '../config/config-types.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import { PromoError } from '../util/promo-error.ts';
import type { PlannedPost } from './plan-posts.ts';

export interface CheckPostMediaOptions {
  spec: PromoSpec;
  config: PromoConfig;
  /** Seconds of a video file (ffprobe). */
  duration: (file: string) => Promise<number>;
}

/** Problems of the posts' videos on their channels (videos not there yet are skipped). */
export async function checkPostMedia(posts: readonly PlannedPost[], options: CheckPostMediaOptions): Promise<PromoError[]> {
  const issues: PromoError[] = [];
  const seen = new Set<string>();
  const facts = new Map<string, Promise<{ bytes: number; seconds: number } | undefined>>();
  const factsOf = (file: string) => {
    let known = facts.get(file);
    if (!known) {
      known = stat(file).then(async (info) => ({ bytes: info.size, seconds: await options.duration(file) }), () => undefined);
      facts.set(file, known);
    }
    return known;
  };
  for (const post of posts) {
    const definition = options.config.channels[post.channel];
    if (!definition || !post.video) continue;
    // Chat channels link a video they cannot attach (`posts.mediaUrl`); only platforms refuse it.
    if (!channelKind(definition.type).oauth) continue;
    const limits: ChannelLimits = CHANNEL_LIMITS[definition.type];
    const found = await factsOf(post.video);
    if (!found) continue;
    const where = `${post.subject}'s ${post.preset ?? ''} video`.replace('  ', ' ');
    const problems: [string, string][] = [];
    if (limits.maxVideoSeconds !== undefined && found.seconds > limits.maxVideoSeconds) {
      problems.push([`${where} is ${seconds(found.seconds)} long, over the ${seconds(limits.maxVideoSeconds)} ${post.channel} (${definition.type}) takes`, 'shorten the product\'s clips, or give the channel a `preset:` with a duration limit']);
    }
    if (limits.minVideoSeconds !== undefined && found.seconds < limits.minVideoSeconds) {
      problems.push([`${where} is ${seconds(found.seconds)} long, under the ${seconds(limits.minVideoSeconds)} ${post.channel} (${definition.type}) needs`, 'add clips or make them longer']);
    }
    if (limits.maxVideoBytes !== undefined && found.bytes > limits.maxVideoBytes) {
      problems.push([`${where} is ${megabytes(found.bytes)}, over the ${megabytes(limits.maxVideoBytes)} ${post.channel} (${definition.type}) takes`, 'use a smaller preset or a lower quality for this channel']);
    }
    for (const [message, hint] of problems) {
      const id = `${post.postIndex}\0${message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      issues.push(new PromoError('SPEC_INVALID', message, { location: options.spec.locate(['posts', post.postIndex, 'video']), hint }));
    }
  }
  return issues;
}

function seconds(value: number): string {
  return value >= 60 ? `${Math.floor(value / 60)} min ${Math.round(value % 60)} s` : `${Math.round(value * 10) / 10} s`;
}

function megabytes(bytes: number): string {
  return bytes >= 1e9 ? `${Math.round(bytes / 1e8) / 10} GB` : `${Math.round(bytes / 1e5) / 10} MB`;
}
