// Checks a product's media against its spec before anything is rendered: the footage exists and
// is a video or still promo accepts, every clip lies inside it, caption files parse. Turns the
// spec's clips into exact ranges and caption cues relative to each clip.
import { readFile } from 'node:fs/promises';
import { basename, extname, relative } from 'node:path';
import type { MediaInfo } from '../media/probe-media.ts';
import type { ClipSuggestion, FootageAnalysis } from '../analysis/analysis-types.ts';
import type { SalienceTrack } from '../plan/plan-types.ts';
import type { AutoClipsSpec, ClipSpec, ProductSpec, PromoSpec } from '../promo-spec/spec-types.ts';
import { parseCaptionsFile } from '../promo-spec/parse-captions-file.ts';
import { PromoError } from '../util/promo-error.ts';
import { requireFootage } from './require-footage.ts';

export const STILL_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp']);
/** A still image shows this long when its clip gives no duration. */
export const DEFAULT_STILL_SECONDS = 3;
/** Containers report durations a few milliseconds off; this much past the end is the end. */
const END_TOLERANCE = 0.05;
const SHORTEST_CLIP = 0.2;

export interface ResolvedCue {
  /** Seconds from the start of the clip. */
  start: number;
  end: number;
  text: string;
}

export interface ResolvedClip {
  clip: ClipSpec;
  /** Seconds into the footage (0 for a still). */
  start: number;
  duration: number;
  cues: ResolvedCue[];
  /** `fit: smart`: where the important parts of the picture are over the clip. */
  salience?: SalienceTrack;
}

export interface ResolvedProduct {
  product: ProductSpec;
  still: boolean;
  media: MediaInfo;
  /** What ffmpeg reads: the footage, or the PNG a still was normalised to. */
  source: string;
  clips: ResolvedClip[];
  duration: number;
}

export interface MediaAccess {
  /** Probes a video footage file (cached by content). */
  probeVideo(file: string): Promise<MediaInfo>;
  /** `fit: smart`: the analysis of a video (cached by content), for where its important parts are. */
  analyse?(file: string, media: MediaInfo): Promise<FootageAnalysis>;
  /** `clips: auto`: analyses a video (cached by content) and proposes its clips. */
  suggestClips?(file: string, media: MediaInfo, auto: AutoClipsSpec): Promise<Pick<ClipSuggestion, 'clips' | 'notes'>>;
  /** Turns a still into a PNG promo can feed ffmpeg; returns its path and size. */
  normaliseStill(file: string): Promise<{ path: string; width: number; height: number }>;
}

/** Whether a footage path names a still image (by extension). */
export function isStillFootage(file: string): boolean {
  return STILL_EXTENSIONS.has(extname(file).toLowerCase());
}

/** Resolves a product's footage and clips; throws PromoError (the product fails, others go on). */
export async function resolveProductMedia(spec: PromoSpec, product: ProductSpec, access: MediaAccess): Promise<ResolvedProduct> {
  const footage = requireFootage(spec, product);
  const still = isStillFootage(footage);
  const where = (path: (string | number)[]) => spec.locate(['products', product.index, ...path]);
  let media: MediaInfo;
  let source = footage;
  try {
    if (still) {
      const image = await access.normaliseStill(footage);
      source = image.path;
      media = {
        path: image.path,
        duration: Infinity,
        formatName: 'image2',
        video: {
          index: 0, codec: 'png', width: image.width, height: image.height,
          displayWidth: image.width, displayHeight: image.height, rotation: 0, sar: 1, fps: 30, hdr: false, delay: 0,
        },
      };
    } else {
      media = await access.probeVideo(footage);
    }
  } catch (error) {
    if (error instanceof PromoError) {
      // Name the file as the spec does, not by its absolute path.
      const message = error.message.split(footage).join(relative(spec.dir, footage));
      throw new PromoError(error.code, message, { location: where(['footage']), hint: error.hint, cause: error, detail: error.detail });
    }
    throw error;
  }

  const clipSpecs = product.autoClips ? await pickClips(footage, media, still, product.autoClips, access, where(['clips'])) : product.clips;
  const clips: ResolvedClip[] = [];
  let previousEnd = 0;
  for (const clip of clipSpecs) {
    const at = (field: string) => where(['clips', clip.index, field]) ?? where(['clips', clip.index]);
    let start: number;
    let end: number;
    if (still) {
      start = 0;
      const span = clip.duration ?? (clip.in !== undefined && clip.out !== undefined ? clip.out - clip.in : DEFAULT_STILL_SECONDS);
      end = span;
    } else {
      start = clip.in ?? previousEnd;
      end = clip.out ?? (clip.duration !== undefined ? start + clip.duration : media.duration);
      const name = basename(footage);
      const length = formatSeconds(media.duration);
      if (start >= media.duration - SHORTEST_CLIP) {
        throw new PromoError('CLIP_OUT_OF_RANGE',
          `clips[${clip.index}] starts at ${formatSeconds(start)}, at or past the end of ${name} (${length})`, {
            location: at(clip.in !== undefined ? 'in' : 'duration'),
            hint: `start the clip before ${length}, or use a longer footage file`,
          });
      }
      if (end > media.duration + END_TOLERANCE) {
        const field = clip.out !== undefined ? 'out' : 'duration';
        throw new PromoError('CLIP_OUT_OF_RANGE',
          `clips[${clip.index}].${field}: ${formatSeconds(end)} is past the end of ${name} (${length})`, {
            location: at(field),
            hint: `end the clip at ${length} or earlier`,
          });
      }
      end = Math.min(end, media.duration);
    }
    const duration = end - start;
    if (duration < SHORTEST_CLIP) {
      throw new PromoError('CLIP_OUT_OF_RANGE', `clips[${clip.index}] is only ${formatSeconds(duration)} long`, {
        location: where(['clips', clip.index]),
        hint: `make it at least ${SHORTEST_CLIP} s`,
      });
    }
    clips.push({ clip, start, duration, cues: await resolveCues(clip, start, duration, where) });
    previousEnd = end;
  }
  const smart = product.fit === 'smart' || (product.fit === undefined && spec.outputs.some((o) => o.fit === 'smart'));
  if (smart && !still && access.analyse) {
    const analysis = await access.analyse(footage, media);
    for (const clip of clips) {
      // Analysed frame i lies at frames.time[0] + i / fps (a picture may start after the sound).
      const first = Math.max(0, Math.round((clip.start - (analysis.frames.time[0] ?? 0)) * analysis.fps));
      const count = Math.max(1, Math.round(clip.duration * analysis.fps));
      const columns = analysis.columns.slice(first, first + count);
      if (columns.length > 0) clip.salience = { fps: analysis.fps, columns };
    }
  }
  return { product, still, media, source, clips, duration: clips.reduce((sum, c) => sum + c.duration, 0) };
}

// `clips: auto`: the clips promo suggest proposes; a still shows once for the asked length.
async function pickClips(
  footage: string, media: MediaInfo, still: boolean, auto: AutoClipsSpec, access: MediaAccess, location: ReturnType<PromoSpec['locate']>,
): Promise<ClipSpec[]> {
  if (still) return [{ index: 0, duration: auto.length }];
  if (!access.suggestClips) throw new Error('clips: auto needs a media access that can analyse footage');
  const { clips, notes } = await access.suggestClips(footage, media, auto);
  if (clips.length === 0) {
    throw new PromoError('FOOTAGE_REFUSED', `clips: auto found no usable clip in ${basename(footage)}: ${notes.join('; ')}`, {
      location,
      hint: `run \`promo suggest ${basename(footage)} --sheet sheet.png\` to see why, or write the clips by hand`,
    });
  }
  return clips.map((clip, index) => ({ index, in: clip.in, out: clip.out }));
}

async function resolveCues(
  clip: ClipSpec,
  start: number,
  duration: number,
  where: (path: (string | number)[]) => ReturnType<PromoSpec['locate']>,
): Promise<ResolvedCue[]> {
  if (clip.caption !== undefined && clip.caption.trim() !== '') return [{ start: 0, end: duration, text: clip.caption }];
  if (clip.captions === undefined) return [];
  let text: string;
  try {
    text = await readFile(clip.captions, 'utf8');
  } catch {
    throw new PromoError('FOOTAGE_MISSING', `captions file ${clip.captions} cannot be read`, {
      location: where(['clips', clip.index, 'captions']),
      hint: 'check the path (relative to the spec file)',
    });
  }
  let cues;
  try {
    cues = parseCaptionsFile(text, clip.captions);
  } catch (error) {
    if (error instanceof PromoError) throw error;
    throw new PromoError('ASSET_INVALID', `${clip.captions}: ${(error as Error).message}`, {
      location: where(['clips', clip.index, 'captions']),
    });
  }
  // Cue times are relative to the footage: keep what overlaps the clip, relative to the clip.
  return cues
    .map((cue) => ({ start: Math.max(0, cue.start - start), end: Math.min(duration, cue.end - start), text: cue.text }))
    .filter((cue) => cue.end - cue.start > 0.04 && cue.text.trim() !== '');
}

function formatSeconds(value: number): string {
  return `${Math.round(value * 100) / 100} s`;
}
