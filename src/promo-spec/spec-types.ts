// The promo spec after loading and validation: every path absolute, every time in seconds,
// every default applied. The rest of promo only ever sees this shape, never raw YAML.
import type { FitMode, PresetDef } from '../presets/presets.ts';
import type { StreamStart } from '../time/stream-start.ts';
import type { SourceLocation } from '../util/source-location.ts';
import type { YamlPath } from '../yaml/yaml-path.ts';

export type Quality = 'draft' | 'standard' | 'high';
export type Language = 'zh' | 'en';

export interface StreamSpec {
  title: string;
  host?: string;
  start?: StreamStart;
  timezone: string;
  url?: string;
  language: Language;
  /** A recurring stream: cron (5 fields) in `timezone`. */
  repeat?: string;
}

export interface PostSpec {
  /** Position in the spec's `posts` list. */
  index: number;
  /** The `id:` the spec gives it, when it gives one. */
  id?: string;
  /** Seconds relative to the stream start (≤ 0), when `at` is relative. */
  relative?: number;
  /** The local time as written (`2026-11-30 20:00`), when `at` is absolute. */
  absolute?: string;
  /** `at: best`: the slot the account's insights rank best before the stream (planPosts picks it). */
  best?: boolean;
  /** A SKU or `reel`. */
  video?: string;
  text: string;
  /** Video platforms: the title (where the platform has one) and tags, with placeholders. */
  title?: string;
  tags?: string[];
  channels: string[];
}

export interface BrandSpec {
  /** Absolute path of the logo image. */
  logo?: string;
  /** `#RRGGBB`. */
  color: string;
}

export interface ClipSpec {
  /** Position in the product's `clips` list. */
  index: number;
  /** Seconds into the footage. */
  in?: number;
  out?: number;
  duration?: number;
  caption?: string;
  /** Absolute path of an SRT or VTT file, times relative to the footage. */
  captions?: string;
}

export interface AutoClipsSpec {
  count: number;
  /** Seconds per clip. */
  length: number;
}

export interface ProductSpec {
  /** Position in the spec's `products` list. */
  index: number;
  sku: string;
  name?: string;
  price?: number;
  originalPrice?: number;
  /** Absolute path of the footage (video or still image); a watched spec may leave it out. */
  footage?: string;
  /** Empty when `autoClips` is set: the clips are picked from the footage at render time. */
  clips: ClipSpec[];
  /** `clips: auto`: how many clips of how many seconds promo picks from the footage. */
  autoClips?: AutoClipsSpec;
  fit?: FitMode;
  /** 0..1: where a `crop` fit keeps the picture (0 left/top, 0.5 centre, 1 right/bottom). */
  focus?: number;
  /** Seconds into the footage for the cover frame (default: middle of the first clip). */
  cover?: number;
}

export interface CardSpec {
  /** Seconds the card is shown. */
  duration: number;
}

export interface TransitionSpec {
  /** cut; fade through black; crossfade (overlapping, needs xfade in the engine). */
  type: 'cut' | 'fade' | 'crossfade';
  /** Seconds. */
  duration: number;
}

export interface MusicSpec {
  /** Absolute path. */
  file: string;
  /** Gain applied to the music bed before mixing, dB (negative is quieter). */
  volume: number;
  /** Lower the music while the footage has sound. */
  duck: boolean;
}

export interface PromoSpec {
  /** Absolute path of the spec file. */
  file: string;
  /** Folder the spec's relative paths are resolved against. */
  dir: string;
  stream: StreamSpec;
  brand: BrandSpec;
  currency: string;
  products: ProductSpec[];
  /** Resolved output presets, in the spec's order. */
  outputs: PresetDef[];
  /** As written (undefined when the spec names none); each output's resolved fit is its `fit`. */
  fit?: FitMode;
  focus: number;
  intro: CardSpec | false;
  outro: CardSpec | false;
  /** How clips and cards join. */
  transition: TransitionSpec;
  /** Announcements to post before the stream. */
  posts: PostSpec[];
  music?: MusicSpec;
  /** Integrated loudness target, LUFS. */
  loudness: number;
  reel: boolean;
  quality: Quality;
  /** Absolute folder whose files override the built-in templates. */
  templates?: string;
  /** Name of the caption style (a file in templates/captions/). */
  captionStyle: string;
  /** Where a node of the spec stands in the file, for error messages about media found later. */
  locate(path: YamlPath): SourceLocation | undefined;
}
