// Builds the resolved PromoSpec from validated spec data: absolute paths, times in seconds,
// every default applied. Only called once the schema and context checks found nothing wrong.
import { isAbsolute, resolve } from 'node:path';
import { parseTime } from './parse-time.ts';
import { parseDuration } from '../time/parse-duration.ts';
import { resolveOutput } from './resolve-output.ts';
import { AUTO_CLIPS_DEFAULTS } from './auto-clips-schema.ts';
import type { SpecInput } from './spec-schema.ts';
import type { AutoClipsSpec, CardSpec, ClipSpec, Language, ProductSpec, PromoSpec } from './spec-types.ts';
import type { StreamStart } from '../time/stream-start.ts';
import type { YamlLocator } from '../yaml/yaml-locator.ts';

/** Seconds a `transition: fade` or `crossfade` takes when no duration is given. */
const DEFAULT_TRANSITION_SECONDS = 0.4;
/** Seconds a title card is shown for `intro: true`. */
export const DEFAULT_INTRO_SECONDS = 2;
/** Seconds an end card is shown for `outro: true`. */
export const DEFAULT_OUTRO_SECONDS = 2.5;

export interface ResolveSpecOptions {
  file: string;
  dir: string;
  timezone: string;
  start?: StreamStart;
  locator: YamlLocator;
}

/** Resolves `input` (the schema's output) into the shape the rest of promo uses. */
export function resolveSpec(input: SpecInput, options: ResolveSpecOptions): PromoSpec {
  const path = (value: string) => (isAbsolute(value) ? value : resolve(options.dir, value));
  const seconds = (value: number | string | undefined) => (value === undefined ? undefined : parseTime(value));

  const products: ProductSpec[] = input.products.map((product, index) => ({
    index,
    sku: product.sku,
    name: product.name,
    price: product.price,
    originalPrice: product.originalPrice,
    footage: product.footage === undefined ? undefined : path(product.footage),
    clips: Array.isArray(product.clips)
      ? product.clips.map((clip, clipIndex): ClipSpec => ({
        index: clipIndex,
        in: seconds(clip.in),
        out: seconds(clip.out),
        duration: seconds(clip.duration),
        caption: clip.caption,
        captions: clip.captions === undefined ? undefined : path(clip.captions),
      }))
      : [],
    ...(Array.isArray(product.clips) ? {} : { autoClips: autoClips(product.clips) }),
    fit: product.fit,
    focus: product.focus,
    cover: seconds(product.cover),
  }));

  const music = input.music === undefined
    ? undefined
    : typeof input.music === 'string'
      ? { file: path(input.music), volume: -12, duck: true }
      : { file: path(input.music.file), volume: input.music.volume, duck: input.music.duck };

  return {
    file: options.file,
    dir: options.dir,
    stream: {
      title: input.stream.title,
      host: input.stream.host,
      start: options.start,
      timezone: options.timezone,
      url: input.stream.url,
      language: input.stream.language ?? guessLanguage(input.stream.title),
      repeat: input.stream.repeat,
    },
    brand: {
      logo: input.brand?.logo === undefined ? undefined : path(input.brand.logo),
      color: normaliseColor(input.brand?.color ?? '#E60012'),
    },
    currency: input.currency,
    products,
    outputs: input.outputs.map((entry) => resolveOutput(entry, input.fit)),
    fit: input.fit,
    focus: input.focus,
    intro: card(input.intro, DEFAULT_INTRO_SECONDS),
    outro: card(input.outro, DEFAULT_OUTRO_SECONDS),
    transition: typeof input.transition === 'string'
      ? { type: input.transition, duration: DEFAULT_TRANSITION_SECONDS }
      : { type: input.transition.type, duration: input.transition.duration },
    music,
    posts: (input.posts ?? []).map((post, index) => {
      const relative = parseDuration(post.at, { signed: true });
      return {
        index,
        ...(post.id === undefined ? {} : { id: post.id }),
        ...(post.at === 'best' ? { best: true } : relative !== undefined ? { relative } : { absolute: String(post.at) }),
        video: post.video,
        text: post.text,
        ...(post.title === undefined ? {} : { title: post.title }),
        ...(post.tags === undefined ? {} : { tags: post.tags }),
        channels: post.channels,
      };
    }),
    loudness: input.loudness,
    reel: input.reel,
    quality: input.quality,
    templates: input.templates === undefined ? undefined : path(input.templates),
    captionStyle: input.captionStyle,
    locate: (at) => options.locator.locate(at),
  };
}

function autoClips(value: 'auto' | { auto: { count: number; length: number } }): AutoClipsSpec {
  return value === 'auto' ? { ...AUTO_CLIPS_DEFAULTS } : { count: value.auto.count, length: value.auto.length };
}

function card(value: boolean | { duration: number }, defaultSeconds: number): CardSpec | false {
  if (value === false) return false;
  return { duration: value === true ? defaultSeconds : value.duration };
}

/** `#e60` → `#EE6600`. */
function normaliseColor(color: string): string {
  const hex = color.slice(1).toUpperCase();
  return hex.length === 3 ? `#${[...hex].map((digit) => digit + digit).join('')}` : `#${hex}`;
}

// Han, kana and hangul: a title in any of them is taken as a Chinese-language stream.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function guessLanguage(title: string): Language {
  return CJK.test(title) ? 'zh' : 'en';
}
