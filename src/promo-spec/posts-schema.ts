// The spec's `posts`: announcements before the stream (when, which video, the text and title,
// tags, the channels), each post id used once.
import { z } from 'zod';
import { parseDuration } from '../time/parse-duration.ts';
import { STREAM_START_PATTERN } from '../time/parse-stream-start.ts';
import { describeValue, nameOf, textOf } from '../yaml/schema-helpers.ts';
import { asRecord } from './as-record.ts';
import { always } from './refine-always.ts';

const postSchema = z
  .strictObject({
    id: nameOf('post id').meta({ description: 'Names the post for good: keep it when you move the post to another time, and it stays the same post (never sent twice); without it a post is known by its time and video' }).optional(),
    at: z
      .union([z.string(), z.number()], { error: 'a time: relative to the stream start ("-24h", "-3h", "-15m"), a local time ("2026-11-30 20:00") or `best`' })
      .refine((value) => {
        if (value === 'best') return true;
        const relative = parseDuration(value, { signed: true });
        if (relative !== undefined) return relative <= 0;
        return typeof value === 'string' && STREAM_START_PATTERN.test(value);
      }, { error: (iss) => `${describeValue(iss.input)} is not a post time; write how long before the stream ("-24h", "-3h", "-15m", never after the start), a local time ("2026-11-30 20:00") or \`best\`` })
      .meta({ description: 'When: relative to stream.start ("-24h", "-15m"), a local time in the stream\'s zone, or `best`: the best slot in the day before the stream from the account\'s imported insights (else -3h)' }),
    video: z.string().min(1).meta({ description: "A product's SKU, or `reel`: its video (and cover) go with the post where the channel takes them" }).optional(),
    text: textOf(4000, { min: 1 }).meta({ description: 'The text, with {{placeholders}} (stream.*, product.*, currency, countdown); on video platforms the description or caption' }),
    // The platform's own limits (YouTube 100 characters) are checked per channel by promo schedule.
    title: textOf(2200, { min: 1 }).meta({ description: "Video platforms: the video's title where the platform has one (YouTube), with the same {{placeholders}}" }).optional(),
    tags: z.array(textOf(500, { min: 1 })).max(500, { error: 'has more than 500 tags; keep the few that describe the video' })
      .meta({ description: 'Video platforms: tags (YouTube snippet.tags), with {{placeholders}}' }).optional(),
    channels: z.array(nameOf('channel name')).min(1, { error: 'is empty; name at least one channel from config.yaml' })
      .meta({ description: 'Channels from config.yaml `channels:`' }),
  })
  .meta({ description: 'An announcement posted before the stream' });

export const postsSchema = z.array(postSchema).superRefine((posts, ctx) => {
  if (!Array.isArray(posts)) return;
  const seen = new Map<string, number>();
  posts.forEach((post: unknown, index) => {
    const id = asRecord(post)?.id;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `post id ${id} is used twice (also posts[${first}]); give each post its own id` });
  });
}, always);
