// The promo spec's shape as written by a person: types, ranges, allowed fields and the checks that
// need nothing but the spec itself. The JSON schema for editors is generated from this.
// Checks that need the file system or a time zone are in check-spec-context.ts.
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { parseDuration } from '../time/parse-duration.ts';
import { DEFAULT_FIT, findPreset } from '../presets/presets.ts';
import { isValidTimeZone } from '../time/time-zone.ts';
import { STREAM_START_PATTERN } from '../time/parse-stream-start.ts';
import { TIME_PATTERN, parseTime } from './parse-time.ts';
import { describeUnknownPreset, type OutputObject } from './resolve-output.ts';
import { describeValue, localPath, nameOf, numberIn, textOf } from '../yaml/schema-helpers.ts';

/** Refinements that look at several fields run even when one field is already wrong, so every problem shows at once. */
const always = { when: () => true };

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

function time(description: string) {
  return z
    .union(
      [
        z.number().min(0, { error: (iss) => `${describeValue(iss.input)} is negative; times are seconds from the start of the footage, 0 or more` }),
        z.string().regex(TIME_PATTERN, {
          error: (iss) => `${describeValue(iss.input)} is not a time; write seconds (3.5) or "mm:ss(.s)" / "hh:mm:ss(.s)", e.g. "00:12.5"`,
        }),
      ],
      { error: 'a time: seconds (3.5) or text "mm:ss(.s)" such as "00:12.5"' },
    )
    .meta({ description });
}

const fitSchema = z.enum(['blur', 'crop', 'pad', 'smart']).meta({
  description: 'How footage fills a frame of another shape: blur (blurred copy behind), crop (fill, cut the overflow), pad (brand colour bars), smart (a crop that follows the important part of the picture; blur when it does not fit)',
});
const focusSchema = numberIn(0, 1).meta({ description: 'For crop: where the picture is kept, 0 left/top, 0.5 centre, 1 right/bottom' });
const priceSchema = numberIn(0, 1e9);

const clipSchema = z
  .strictObject({
    in: time('Where the clip starts in the footage (default 0)').optional(),
    out: time('Where the clip ends in the footage (not with duration)').optional(),
    duration: time('Length of the clip; for a still, how long it is shown (not with out)').optional(),
    caption: textOf(500).meta({ description: 'Text shown over the clip, drawn literally' }).optional(),
    captions: localPath('captions file').meta({ description: 'SRT or WebVTT file, times relative to the footage (not with caption)' }).optional(),
  })
  .superRefine((value, ctx) => {
    const clip = asRecord(value);
    if (!clip) return;
    const start = parseTime(clip.in);
    const end = parseTime(clip.out);
    const duration = parseTime(clip.duration);
    if (clip.out !== undefined && clip.duration !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['duration'], message: 'give either `out` (where the clip ends) or `duration` (how long it is), not both; remove one' });
    } else if (end !== undefined && end <= (start ?? 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['out'],
        message: `out (${formatSeconds(end)}) must be after in (${formatSeconds(start ?? 0)}); make out later than in, or swap them`,
      });
    }
    if (duration === 0) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'is 0; give a duration greater than 0 (seconds)' });
    if (clip.caption !== undefined && clip.captions !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['captions'], message: 'give either `caption` (one text) or `captions` (a timed SRT/VTT file), not both; remove one' });
    }
  }, always)
  .meta({ description: 'A piece of the footage to show' });

/** `clips: auto` picks this many clips of this many seconds (also `promo suggest`'s defaults). */
export const AUTO_CLIPS_DEFAULTS = { count: 3, length: 4 } as const;

// `clips: auto`: promo analyses the footage and picks the clips (promo suggest shows which, and why).
// One flat union with the list (not a nested one), so a wrong value gets one message naming every form.
const autoClipsForms = [
  z.literal('auto'),
  z.strictObject({
    auto: z.strictObject({
      count: numberIn(1, 20, { integer: true }).default(AUTO_CLIPS_DEFAULTS.count).meta({ description: 'How many clips to pick' }),
      length: numberIn(0.5, 60, { unit: ' s' }).default(AUTO_CLIPS_DEFAULTS.length).meta({ description: 'Seconds per clip (each may be up to a quarter shorter or longer, to start and end in a pause or on a cut)' }),
    }),
  }),
] as const;

const productSchema = z
  .strictObject({
    sku: nameOf('SKU').meta({ description: 'Product code; becomes a folder name, unique (case-insensitive)' }),
    name: textOf(200, { min: 1 }).meta({ description: 'Product name shown on the video' }).optional(),
    price: priceSchema.meta({ description: 'Price in `currency`' }).optional(),
    originalPrice: priceSchema.meta({ description: 'Crossed-out price, above price' }).optional(),
    footage: localPath('footage')
      .meta({ description: 'Video or still image (jpg/png/webp), relative to the spec; in a watched spec it may be left out (the file dropped into the inbox is the footage)' })
      .optional(),
    clips: z.union([
      z.array(clipSchema).min(1, { error: 'is empty; list at least one clip, e.g. `- { in: 0, out: 5 }`' }),
      ...autoClipsForms,
    ], { error: 'a list of clips (`- { in: 0, out: 5 }`), `auto`, or `{ auto: { count: 3, length: 4 } }`' })
      .meta({ description: 'The pieces of the footage to show, or auto: promo picks them (sharp, well lit, no dead air, no defects, cut in pauses); `promo suggest` shows which' }),
    fit: fitSchema.optional(),
    focus: focusSchema.optional(),
    cover: time('Frame of the footage used for the cover (default: middle of the first clip)').optional(),
  });

const safeSchema = z.strictObject({
  top: numberIn(0, 4096, { integer: true, unit: ' px' }),
  bottom: numberIn(0, 4096, { integer: true, unit: ' px' }),
  left: numberIn(0, 4096, { integer: true, unit: ' px' }),
  right: numberIn(0, 4096, { integer: true, unit: ' px' }),
}).meta({ description: 'Pixels along each edge that the platform UI covers' });

const outputNameSchema = z.string().superRefine((name, ctx) => {
  if (!findPreset(name)) ctx.addIssue({ code: 'custom', message: describeUnknownPreset(name, { allowCustom: true }) });
});

const outputObjectSchema = z
  .strictObject({
    name: nameOf('output name').meta({ description: 'A preset to override, or the name of a custom output' }),
    width: numberIn(16, 4096, { even: true, unit: ' px' }).optional(),
    height: numberIn(16, 4096, { even: true, unit: ' px' }).optional(),
    fps: numberIn(10, 60, { integer: true }).optional(),
    fit: fitSchema.optional(),
    logo: z.boolean().optional(),
    maxDuration: numberIn(1, 36000, { unit: ' s' }).optional(),
    safe: safeSchema.optional(),
  })
  .superRefine((value, ctx) => {
    const output = asRecord(value);
    if (!output || typeof output.name !== 'string') return;
    const known = findPreset(output.name) !== undefined;
    if (!known && (output.width === undefined || output.height === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: describeUnknownPreset(output.name, { allowCustom: false }) });
      return;
    }
    const width = typeof output.width === 'number' ? output.width : findPreset(output.name)?.width;
    const height = typeof output.height === 'number' ? output.height : findPreset(output.name)?.height;
    const safe = asRecord(output.safe);
    if (safe && width !== undefined && height !== undefined) {
      const num = (key: string) => (typeof safe[key] === 'number' ? (safe[key] as number) : 0);
      if (num('top') + num('bottom') >= height || num('left') + num('right') >= width) {
        ctx.addIssue({ code: 'custom', path: ['safe'], message: `leaves no picture inside a ${width}×${height} frame; make the margins smaller` });
      }
    }
  }, always);

const outputsSchema = z
  .array(
    z.union([outputNameSchema, outputObjectSchema], { error: 'a preset name (douyin) or `{ name, width, height, … }`' }),
  )
  .min(1, { error: 'is empty; list at least one output, e.g. `[douyin]`' })
  .superRefine((entries, ctx) => {
    // With `always`, this also runs on a value that is not a list at all.
    if (!Array.isArray(entries)) return;
    const seen = new Map<string, number>();
    entries.forEach((entry: unknown, index) => {
      const name = typeof entry === 'string' ? entry : asRecord(entry)?.name;
      if (typeof name !== 'string') return;
      const key = (findPreset(name)?.name ?? name).toLowerCase();
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, index);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        path: typeof entry === 'string' ? [index] : [index, 'name'],
        message: `output \`${name}\` is listed twice (also outputs[${first}]); remove one, or give a custom output another name`,
      });
    });
  }, always)
  .meta({ description: 'Preset names, or objects overriding a preset / defining a custom frame' });

const cardSchema = (what: string, defaultSeconds: number) =>
  z
    .union(
      [z.boolean(), z.strictObject({ duration: numberIn(0.5, 10, { unit: ' s' }) })],
      { error: 'true, false or `{ duration: seconds }`' },
    )
    .default(true)
    .meta({ description: `${what}; true = ${defaultSeconds} s` });

const TRANSITIONS = ['cut', 'fade', 'crossfade'] as const;
const transitionSchema = z
  .union(
    [
      z.enum(TRANSITIONS),
      z.strictObject({
        type: z.enum(TRANSITIONS),
        duration: numberIn(0.1, 2, { unit: ' s' }).default(0.4).meta({ description: 'Seconds the transition takes' }),
      }),
    ],
    { error: 'cut, fade, crossfade, or `{ type, duration }`' },
  )
  .default('cut')
  .meta({ description: 'How clips and cards join: cut; fade (through black, works everywhere); crossfade (needs an ffmpeg with xfade, 4.3+; else a fade)' });

// Folders of the output folder that are not products: the reel's and the previews'.
const RESERVED_SKUS = new Set(['reel', 'preview']);

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

const musicSchema = z
  .union(
    [
      localPath('music file'),
      z.strictObject({
        file: localPath('music file'),
        volume: numberIn(-40, 6, { unit: ' dB' }).default(-12).meta({ description: 'Gain of the music bed, dB' }),
        duck: z.boolean().default(true).meta({ description: 'Lower the music while the footage has sound' }),
      }),
    ],
    { error: 'a music file path, or `{ file, volume, duck }`' },
  )
  .meta({ description: 'Background music, ducked under the footage sound' });

const streamSchema = z.strictObject({
  title: textOf(200, { min: 1 }).meta({ description: 'Stream title, shown on the title card' }),
  host: textOf(100).meta({ description: 'Host of the stream' }).optional(),
  start: z
    .string()
    .regex(STREAM_START_PATTERN, {
      error: (iss) => `${describeValue(iss.input)} is not a start time; write "YYYY-MM-DD HH:mm" in the stream's time zone, or ISO 8601 with an offset ("2026-12-01T20:00+08:00")`,
    })
    .meta({ description: 'Local time in `timezone` ("2026-12-01 20:00"), or ISO 8601 with Z or an offset' })
    .optional(),
  timezone: z
    .string()
    .refine(isValidTimeZone, { error: (iss) => `${describeValue(iss.input)} is not an IANA time zone; use a name like Asia/Shanghai, America/New_York or UTC` })
    .meta({ description: 'IANA zone; default from the config' })
    .optional(),
  url: z
    .string()
    .refine(isHttpUrl, { error: (iss) => `${describeValue(iss.input)} is not an http(s) URL; write the full address, e.g. https://live.example.com/room/8848` })
    .meta({ description: 'Where to watch the stream (http or https)' })
    .optional(),
  language: z.enum(['zh', 'en']).meta({ description: 'Language of cards; default zh when the title has CJK characters, else en' }).optional(),
  repeat: z
    .string()
    .refine(isValidCron, { error: (iss) => `${describeValue(iss.input)} is not a cron expression; write five fields (minute hour day month weekday), e.g. "0 20 * * 2,4" for 20:00 every Tuesday and Thursday` })
    .meta({ description: 'A recurring stream: cron (minute hour day month weekday) in the stream\'s zone' })
    .optional(),
});

const brandSchema = z.strictObject({
  logo: localPath('logo').meta({ description: 'Logo image, relative to the spec' }).optional(),
  color: z
    .string()
    .regex(/^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$/, {
      error: (iss) => `${describeValue(iss.input)} is not a colour; write "#RGB" or "#RRGGBB" in quotes, e.g. "#E60012"`,
    })
    .default('#E60012')
    .meta({ description: '"#RGB" or "#RRGGBB" (quote it: # starts a YAML comment)' }),
});

/** The whole spec. */
export const specSchema = z
  .strictObject({
    stream: streamSchema.meta({ description: 'The live stream the videos promote' }),
    brand: brandSchema.optional(),
    currency: textOf(8).default('¥').meta({ description: 'Currency symbol, at most 8 characters' }),
    products: z
      .array(productSchema)
      .min(1, { error: 'is empty; list at least one product with sku, footage and clips' })
      .superRefine((products, ctx) => {
        if (!Array.isArray(products)) return;
        const seen = new Map<string, number>();
        products.forEach((product: unknown, index) => {
          const sku = asRecord(product)?.sku;
          if (typeof sku !== 'string') return;
          if (RESERVED_SKUS.has(sku.toLowerCase())) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'sku'],
              message: `SKU ${sku} is reserved: promo writes its ${sku.toLowerCase()} folder beside the products' folders; rename the product (e.g. ${sku}-1)`,
            });
            return;
          }
          const first = seen.get(sku.toLowerCase());
          if (first === undefined) seen.set(sku.toLowerCase(), index);
          else {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'sku'],
              message: `SKU ${sku} is used twice (also products[${first}], case-insensitively); SKUs name output folders, make each unique`,
            });
          }
        });
      }, always),
    // No `outputs` means the one platform nearly every user of promo posts to.
    outputs: outputsSchema.default(['douyin']),
    // Optional, not defaulted: an output's preset may have its own fit, which an unwritten spec fit leaves alone.
    fit: fitSchema.optional().meta({ default: DEFAULT_FIT }),
    focus: focusSchema.default(0.5),
    intro: cardSchema('Title card with stream title, host and date', 2),
    outro: cardSchema('End card with start time, url and call to action', 2.5),
    transition: transitionSchema,
    music: musicSchema.optional(),
    posts: z.array(postSchema).superRefine((posts, ctx) => {
      if (!Array.isArray(posts)) return;
      const seen = new Map<string, number>();
      posts.forEach((post: unknown, index) => {
        const id = asRecord(post)?.id;
        if (typeof id !== 'string') return;
        const first = seen.get(id);
        if (first === undefined) seen.set(id, index);
        else ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `post id ${id} is used twice (also posts[${first}]); give each post its own id` });
      });
    }, always).optional().meta({ description: 'Announcements to post before the stream (promo schedule / promo daemon)' }),
    loudness: numberIn(-40, -5, { unit: ' LUFS' }).default(-14).meta({ description: 'Integrated loudness target; true peak stays at or below -1 dBTP' }),
    reel: z.boolean().default(false).meta({ description: 'Also render one video of all products' }),
    quality: z.enum(['draft', 'standard', 'high']).default('standard').meta({ description: 'Encoding effort and bitrate' }),
    templates: localPath('templates folder', 'folder').meta({ description: 'Folder whose files override the built-in templates' }).optional(),
    captionStyle: nameOf('caption style').default('default').meta({ description: 'A style in templates/captions/' }),
  })
  .meta({ title: 'promo spec', description: 'Turns product footage into platform-ready short videos' });

export type SpecInput = z.output<typeof specSchema>;
export type OutputEntry = string | OutputObject;

function isValidCron(text: string): boolean {
  if (text.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(text, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(3))} s`;
}
