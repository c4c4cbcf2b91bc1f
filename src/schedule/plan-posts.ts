// Works out every post a spec asks for: for each stream occurrence (the start, or each time of a
// recurring stream within the horizon), each post, each channel: when it is due (UTC, plus the
// local time and zone it was written in), its final text, and the video and cover it carries.
// Pure apart from reading the clock it is given; writes nothing.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { PromoConfig } from '../config/config-types.ts';
import { channelKind } from '../channels/channel-registry.ts';
import { CHANNEL_LIMITS, type ChannelLimits } from '../publish/channel-limits.ts';
import { pickBestSlot } from '../insights/pick-best-slot.ts';
import type { AccountBestTimes } from '../insights/read-best-times.ts';
import type { PostSpec, PromoSpec, StreamSpec } from '../promo-spec/spec-types.ts';
import { parseStreamStart } from '../time/parse-stream-start.ts';
import { PromoError } from '../util/promo-error.ts';
import { checkPlatformPost } from './check-platform-post.ts';
import { renderPostText } from './render-post-text.ts';
import { localTime } from './local-time.ts';
import { streamOccurrences } from './stream-occurrences.ts';

export interface PlannedPost {
  /** Stable across re-planning and the channel's idempotency key: room, occurrence, post identity, channel. */
  key: string;
  spec: string;
  postIndex: number;
  channel: string;
  /** The stream start this post announces (UTC). */
  occurrence: Date;
  due: Date;
  /** `2026-11-30 20:00` in `zone`. */
  local: string;
  zone: string;
  text: string;
  /** Video platforms: the title and tags, placeholders filled (absent when the spec gives none). */
  title?: string;
  tags?: string[];
  /** SKU or `reel`. */
  subject?: string;
  /** Absolute paths in the output folder (they exist once rendered). */
  video?: string;
  cover?: string;
  preset?: string;
  stream: { title: string; url?: string };
  /** `at: best`: which slot was picked and why (or why the fixed fallback). */
  why?: string;
}

export interface PlanPostsOptions {
  /** The scheduler's clock (occurrences of a recurring stream start from here). */
  now: Date;
  /** Text limit of a channel for a post with or without a video; undefined for no limit. */
  textLimit: (channel: string, withVideo: boolean) => { limit: number; unit: 'chars' | 'bytes' } | undefined;
  /** A channel's imported best times, for `at: best` (insights/best-times-lookup.ts); without it, the fixed fallback. */
  bestTimes?: (channel: string) => AccountBestTimes | undefined;
}

export interface PostPlan {
  posts: PlannedPost[];
  /** Problems to fix in the spec (each with its location). */
  issues: PromoError[];
  warnings: string[];
}

/** Plans the posts of a spec; every problem is listed, none thrown. */
export function planPosts(spec: PromoSpec, config: PromoConfig, options: PlanPostsOptions): PostPlan {
  const issues: PromoError[] = [];
  const warnings: string[] = [];
  const posts: PlannedPost[] = [];
  if (spec.posts.length === 0) return { posts, issues, warnings };
  const at = (...path: (string | number)[]) => spec.locate(['posts', ...path]);
  // A problem of a recurring stream's post is the same at every occurrence: reported once.
  const reported = new Set<string>();
  const issue = (location: ReturnType<typeof at>, message: string, hint?: string) => {
    const id = `${location?.line}:${location?.col}:${message}`;
    if (reported.has(id)) return;
    reported.add(id);
    issues.push(new PromoError('SPEC_INVALID', message, { location, hint }));
  };

  const occurrences = streamOccurrences(spec.stream, options.now, config.posts.horizon);
  if (occurrences === undefined) {
    issue(spec.locate(['posts']), 'posts need the stream\'s start', 'give `stream.start` (or `stream.repeat` for a recurring stream)');
    return { posts, issues, warnings };
  }
  if (occurrences.length === 0) warnings.push(`no occurrence of "${spec.stream.repeat}" within the next ${Math.round(config.posts.horizon / 86400)} days`);
  if (!spec.stream.repeat && occurrences[0]! < options.now) warnings.push(`the stream started at ${occurrences[0]!.toISOString()}, before now: its posts are all past`);

  const identities = postIdentities(spec.posts);
  for (const post of spec.posts) {
    const product = post.video && post.video.toLowerCase() !== 'reel'
      ? spec.products.find((p) => p.sku.toLowerCase() === post.video!.toLowerCase())
      : undefined;
    if (post.video && post.video.toLowerCase() !== 'reel' && !product) {
      issue(at(post.index, 'video'), `video ${post.video} is not a SKU of this spec`, `use one of ${spec.products.map((p) => p.sku).join(', ')}, or \`reel\``);
      continue;
    }
    const subject = product ? product.sku : post.video ? 'reel' : undefined;
    for (const [c, channel] of post.channels.entries()) {
      const preset = config.channels[channel]?.preset;
      if (preset && post.video && !spec.outputs.some((o) => o.name === preset)) {
        issue(at(post.index, 'channels', c), `channel ${channel} takes the ${preset} video, which this spec does not render`, `add ${preset} to \`outputs:\`, or change the channel's \`preset\``);
      }
      if (!config.channels[channel]) {
        issue(at(post.index, 'channels', c), `channel ${channel} is not in ${config.file ?? 'config.yaml'}`,
          Object.keys(config.channels).length > 0 ? `use one of ${Object.keys(config.channels).join(', ')}, or add it under \`channels:\`` : 'add it under `channels:` in config.yaml');
      }
    }
    for (const occurrence of occurrences) {
      // `at: best` follows the first of the post's channels with imported insights.
      const best = post.best ? pickBestSlot(occurrence, post.channels.map((c) => options.bestTimes?.(c)).find(Boolean)) : undefined;
      const due = best ? best.due : dueTime(post, occurrence, spec.stream, (message) => issue(at(post.index, 'at'), message), warnings);
      if (!due) break;
      if (due > occurrence) {
        issue(at(post.index, 'at'), `${post.absolute} is after the stream starts (${localTime(occurrence, spec.stream.timezone)})`, 'announce before the stream');
        break;
      }
      const stream: StreamSpec = { ...spec.stream, start: { utc: occurrence, local: localTime(occurrence, spec.stream.timezone), zone: spec.stream.timezone } };
      const text = renderPostText({ template: post.text, stream, product, currency: spec.currency, secondsBefore: (occurrence.getTime() - due.getTime()) / 1000 });
      if (!text.ok) {
        for (const problem of text.problems) issue(at(post.index, 'text'), problem);
        break;
      }
      const fill = (template: string, path: (string | number)[]) => {
        const filled = renderPostText({ template, stream, product, currency: spec.currency, secondsBefore: (occurrence.getTime() - due.getTime()) / 1000 });
        if (!filled.ok) for (const problem of filled.problems) issue(at(post.index, ...path), problem);
        return filled.ok ? filled.text : undefined;
      };
      const title = post.title === undefined ? undefined : fill(post.title, ['title']);
      const tags = post.tags?.map((tag, t) => fill(tag, ['tags', t]));
      if ((post.title !== undefined && title === undefined) || tags?.includes(undefined)) break;
      for (const channel of post.channels) {
        const definition = config.channels[channel];
        if (!definition) continue;
        const withVideo = Boolean(subject) && definition.video !== false;
        const kind = channelKind(definition.type);
        if (kind.oauth) {
          const c = post.channels.indexOf(channel);
          if (!subject) {
            issue(at(post.index, 'channels', c), `channel ${channel} is a ${kind.label}: a post there needs \`video:\``, 'give the post `video: <SKU>` or `video: reel`, or post the text to a chat channel');
            continue;
          }
          if (definition.video === false) {
            issue(at(post.index, 'channels', c), `channel ${channel} is a ${kind.label} with \`video: false\` in ${config.file ?? 'config.yaml'}: a video platform takes the video`, 'remove `video: false` from the channel');
            continue;
          }
          const problems = checkPlatformPost({ title, text: text.text, tags: tags as string[] | undefined }, CHANNEL_LIMITS[definition.type], `${channel} (${definition.type})`);
          for (const problem of problems) {
            if (problem.severity === 'warning') {
              const line = `posts[${post.index}].${problem.field}: ${problem.message}${problem.hint ? `; ${problem.hint}` : ''}`;
              if (!warnings.includes(line)) warnings.push(line);
            } else {
              issue(at(post.index, problem.field), problem.message, problem.hint);
            }
          }
          if (problems.some((problem) => problem.severity === 'error')) continue;
        } else if (title !== undefined || (tags && tags.length > 0)) {
          const line = `posts[${post.index}]: ${channel} (${definition.type}) takes only the text: the post's ${title !== undefined ? 'title' : 'tags'} ${title !== undefined ? 'is' : 'are'} not sent there`;
          if (!warnings.includes(line)) warnings.push(line);
        }
        const limit = options.textLimit(channel, withVideo);
        if (limit) {
          // Characters as UTF-16 units, never fewer than the services count (emoji count twice).
          const size = limit.unit === 'bytes' ? Buffer.byteLength(text.text) : text.text.length;
          if (size > limit.limit) {
            // A limit the platform does not document is promo's own: say so, and why that figure.
            const assumed = (CHANNEL_LIMITS[definition.type] as ChannelLimits).assumed?.textLimit;
            issue(at(post.index, 'text'), `the text is ${size} ${limit.unit === 'bytes' ? 'bytes (UTF-8)' : 'characters'} for ${channel} (${definition.type}), over its limit of ${limit.limit}${assumed ? ` (promo's: ${assumed})` : ''}`, 'shorten it, or post it to another channel');
            continue;
          }
        }
        const preset = definition.preset ?? spec.outputs[0]!.name;
        const files = withVideo && subject ? mediaFiles(config.out, subject, preset) : {};
        posts.push({
          key: postKey(spec.stream, identities.get(post)!, occurrence, channel),
          spec: spec.file,
          postIndex: post.index,
          channel,
          occurrence,
          due,
          local: localTime(due, spec.stream.timezone),
          zone: spec.stream.timezone,
          text: text.text,
          ...(title === undefined ? {} : { title }),
          ...(tags === undefined ? {} : { tags: tags as string[] }),
          subject,
          ...files,
          ...(withVideo ? { preset } : {}),
          stream: { title: spec.stream.title, url: spec.stream.url },
          ...(best ? { why: best.why } : {}),
        });
      }
    }
  }
  posts.sort((a, b) => a.due.getTime() - b.due.getTime() || a.channel.localeCompare(b.channel));
  return { posts, issues, warnings };
}

function dueTime(post: PostSpec, occurrence: Date, stream: StreamSpec, fail: (message: string) => void, warnings: string[]): Date | undefined {
  if (post.relative !== undefined) return new Date(occurrence.getTime() + post.relative * 1000);
  if (stream.repeat) {
    fail(`${post.absolute} is a fixed time, but the stream repeats ("${stream.repeat}"): write a time relative to each start, e.g. -3h`);
    return undefined;
  }
  const parsed = parseStreamStart(post.absolute!, stream.timezone);
  if (!parsed.ok) {
    fail(parsed.message);
    return undefined;
  }
  if (parsed.warning) warnings.push(`posts[${post.index}].at: ${parsed.warning}`);
  return parsed.start.utc;
}

function mediaFiles(out: string, subject: string, preset: string): { video: string; cover?: string } {
  // `reel` is both the subject and its folder, like a SKU.
  return { video: join(out, subject, `${preset}.mp4`), cover: join(out, subject, `${preset}.jpg`) };
}

/**
 * What makes a post the same post from one `promo schedule` to the next: its `id:`, else its time
 * (`at`) and video, numbered when several posts share both. Not its place in the list and not the
 * spec's path: inserting a post above, or moving the project folder, must not make posts that
 * went out look new (they would go out again).
 */
function postIdentities(posts: readonly PostSpec[]): Map<PostSpec, string> {
  const identities = new Map<PostSpec, string>();
  const seen = new Map<string, number>();
  for (const post of posts) {
    if (post.id !== undefined) {
      identities.set(post, `id:${post.id}`);
      continue;
    }
    const at = post.best ? 'best' : post.relative !== undefined ? `${post.relative}s` : `@${post.absolute}`;
    const base = `at:${at}\0${post.video?.toLowerCase() ?? ''}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    identities.set(post, `${base}\0${n}`);
  }
  return identities;
}

/** The post's idempotency key: the stream (by its room, else its title), the occurrence, the post, the channel. */
function postKey(stream: StreamSpec, identity: string, occurrence: Date, channel: string): string {
  const room = stream.url ?? `title:${stream.title}`;
  return createHash('sha256').update(`${room}\0${occurrence.toISOString()}\0${identity}\0${channel}`).digest('hex').slice(0, 24);
}
