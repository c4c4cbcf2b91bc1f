// The video filter chains for one clip in one preset: normalise timing, tone-map HDR, fit the
// picture into the frame, zoom stills, lay the captions over it and cut it to an exact frame count.
import type { Filter, FilterChain } from './filtergraph.ts';
import { expr } from './filtergraph.ts';
import { planBlurFill } from './plan-blur-fill.ts';
import { planFit } from './plan-fit.ts';
import { planPictureLead } from './plan-picture-lead.ts';
import { GRAB_LEAD_SECONDS } from './plan-frame-grab.ts';
import { planSmartCrop } from './plan-smart-crop.ts';
import { DEFAULT_FIT, type FitMode } from '../presets/presets.ts';
import type { PlacedImage, TimelineClip } from './plan-types.ts';

export interface ClipVideoOptions {
  clip: TimelineClip;
  /** Label of the decoded source picture. */
  input: string;
  /** Label to produce. */
  output: string;
  width: number;
  height: number;
  fps: number;
  /** The output's fit (its preset's `fit`), used when the clip names none. */
  outputFit?: FitMode;
  /** Exact number of frames the clip must have. */
  frames: number;
  /**
   * Only the clip's first `usedFrames` frames are used (a part's last clip, needed only for the
   * crossfade into it): the rest are cut right after decoding, never fitted. Video clips only.
   */
  usedFrames?: number;
  /**
   * Leave out the clip's first `skipFrames` frames, dropped right after decoding so they are
   * never fitted (a part of the timeline that needs only this clip's tail, for a crossfade's
   * overlap); the rest keep their times, so captions and a smart crop's window are where they
   * were. Video clips only; the result has `frames - skipFrames` frames.
   */
  skipFrames?: number;
  /**
   * The input already starts at frame `skipFrames` (its source was read from that frame's time,
   * plan-timeline.ts part.headSeek): its frames are moved on by `skipFrames` instead of dropped.
   */
  seeked?: boolean;
  /** Caption images with their input labels, in the clip's caption order. */
  captions: { image: PlacedImage; label: string; start: number; end: number }[];
  /**
   * The product's price badge, laid over the clip (so only the clip's frames pay for it) from
   * `start` to `end` (clip seconds): the whole clip, or at a crossfade into another product's
   * clip, its own frames (plan-overlay-window.ts).
   */
  badge?: { image: PlacedImage; label: string; start: number; end: number };
  /** Unique prefix for intermediate labels. */
  prefix: string;
  /**
   * Also give this clip's fitted frame number `frame` (before badge and captions) on `output`:
   * the cover frame, taken from this decode instead of a second seek into the footage.
   */
  grab?: { frame: number; output: string };
}

/** Largest still-image zoom over a clip (ken-burns): 8 % reads as motion without losing edges. */
const STILL_ZOOM = 0.08;
/** Longest a clip's last frame is held when the source runs a little short (VFR, rounding). */
const HOLD_LAST_FRAME = 0.5;

/** Builds the chains that turn one decoded clip into `frames` frames of width×height. */
export function planClipVideo(options: ClipVideoOptions): FilterChain[] {
  const { clip, width, height, fps, prefix } = options;
  const video = clip.media.video!;
  const chains: FilterChain[] = [];
  const colour = colourMatrix(video.colorSpace, video.height);
  const asked = clip.fit ?? options.outputFit ?? DEFAULT_FIT;
  // smart: a crop whose window follows the important part, or the blurred fill when it does not fit.
  const cover = planFit(video.displayWidth, video.displayHeight, width, height, 'crop', clip.focus).cover;
  const smart = asked === 'smart' ? planSmartCrop(clip.salience, cover.width, width, clip.duration) : undefined;
  const fit = asked === 'smart' ? (smart ? 'crop' : 'blur') : asked;
  const geometry = planFit(video.displayWidth, video.displayHeight, width, height, fit, clip.focus);
  const skip = clip.still ? 0 : (options.skipFrames ?? 0);
  // Read from before the picture starts (its sound starts first, video.delay), the first frame is
  // moved to where it lies after the in and held from the in (fps fills from 0), so the picture
  // keeps to its sound instead of arriving early. A seeked input starts at a frame it has.
  const late = options.seeked ? 0 : planPictureLead(clip, fps);
  const lead: Filter[] = late > 0
    ? [{ name: 'setpts', args: [expr(`PTS-STARTPTS+${late}/TB`)] }, { name: 'fps', args: { fps, start_time: 0 } }]
    : [{ name: 'setpts', args: [expr('PTS-STARTPTS')] }, { name: 'fps', args: [fps] }];
  // After fps the time base is the frame rate's, so PTS+skip moves the seeked frames exactly.
  if (skip > 0) lead.push(options.seeked ? { name: 'setpts', args: [expr(`PTS+${skip}`)] } : { name: 'trim', args: { start_frame: skip } });
  // A video clip is cut to its frame count here, before any per-frame work: the input is read a
  // little past the clip's end (HOLD_LAST_FRAME), and frames past it were fitted, badged and
  // captioned only to be dropped. A still is cut after its frame is repeated (the tail).
  if (!clip.still) lead.push(...holdAndCut(Math.min(options.frames, options.usedFrames ?? Infinity) - skip));
  if (video.hdr) {
    // PQ/HLG phone footage: scale down first (cheaper), then map to SDR BT.709.
    lead.push(
      { name: 'zscale', args: { w: geometry.cover.width, h: geometry.cover.height } },
      { name: 'zscale', args: { t: 'linear', npl: 100 } },
      { name: 'format', args: ['gbrpf32le'] },
      { name: 'zscale', args: { p: 'bt709' } },
      { name: 'tonemap', args: { tonemap: 'hable', desat: 0 } },
      { name: 'zscale', args: { t: 'bt709', m: 'bt709', r: 'tv' } },
      { name: 'format', args: ['yuv420p'] },
    );
  }
  const convert = { in_color_matrix: video.hdr ? 'bt709' : colour, out_color_matrix: 'bt709', out_range: 'tv' };
  const fitted = `${prefix}fit`;
  if (geometry.mode === 'crop' || (geometry.mode !== 'pad' && geometry.sameShape)) {
    const filters: Filter[] = [...lead];
    if (geometry.sameShape) filters.push({ name: 'scale', args: { w: width, h: height, ...convert } });
    else {
      filters.push(
        { name: 'scale', args: { w: geometry.cover.width, h: geometry.cover.height, ...convert } },
        { name: 'crop', args: { w: width, h: height, x: smart ? expr(smart.x) : geometry.cover.x, y: geometry.cover.y } },
      );
    }
    chains.push({ inputs: [options.input], filters: [...filters, { name: 'format', args: ['yuv420p'] }], outputs: [fitted] });
  } else if (geometry.mode === 'pad') {
    chains.push({
      inputs: [options.input],
      filters: [
        ...lead,
        { name: 'scale', args: { w: geometry.inner.width, h: geometry.inner.height, ...convert } },
        { name: 'pad', args: { w: width, h: height, x: geometry.inner.x, y: geometry.inner.y, color: clip.padColor.replace('#', '0x') } },
        { name: 'format', args: ['yuv420p'] },
      ],
      outputs: [fitted],
    });
  } else {
    chains.push(...planBlurFill({ input: options.input, lead, output: fitted, geometry, convert, prefix }));
  }

  let current = fitted;
  const tail: Filter[] = [{ name: 'setsar', args: [1] }];
  if (clip.still) {
    // The still arrives as one fitted frame: repeat it for the clip (cheap), then zoom.
    tail.push({ name: 'tpad', args: { stop_mode: 'clone', stop_duration: round3(clip.duration + HOLD_LAST_FRAME) } });
    // zoompan works in whole pixels; a slow zoom in over the clip reads as smooth at 1080p.
    const total = Math.max(1, options.frames - 1);
    tail.push({
      name: 'zoompan',
      args: {
        z: expr(`1+${STILL_ZOOM}*on/${total}`),
        x: expr('(iw-iw/zoom)/2'),
        y: expr('(ih-ih/zoom)/2'),
        d: 1,
        s: `${width}x${height}`,
        fps,
      },
    });
  }
  chains.push({ inputs: [current], filters: tail, outputs: [`${prefix}base`] });
  current = `${prefix}base`;
  if (options.grab) {
    // split hands both branches the same frame (no copy). The clip's first frame goes out too, far
    // in the future: ffmpeg 4.1 keeps serving whichever output has written nothing yet, or whose
    // last frame is oldest, so a grab that waited for its frame would pull the footage ahead of the
    // video and pile its frames up in memory (~3 MB each at 1080×1920) until then. Its output
    // writes both frames to one file (GRAB_PNG_OUTPUT), the grabbed one last.
    const { frame } = options.grab;
    chains.push({ inputs: [current], filters: [{ name: 'split', args: [2] }], outputs: [`${prefix}main`, `${prefix}grab`] });
    chains.push({
      inputs: [`${prefix}grab`],
      filters: [{ name: 'select', args: [expr(`eq(n,0)+eq(n,${frame})`)] }, { name: 'setpts', args: [expr(`PTS+${GRAB_LEAD_SECONDS}/TB`)] }],
      outputs: [options.grab.output],
    });
    current = `${prefix}main`;
  }

  // The badge, then each caption, over the frames of its window.
  const overlays = [
    ...(options.badge ? [{ ...options.badge, output: `${prefix}badge` }] : []),
    ...options.captions.map((caption, index) => ({ ...caption, output: `${prefix}cap${index}` })),
  ];
  for (const overlay of overlays) {
    const whole = overlay.start <= 0 && overlay.end >= clip.duration;
    chains.push({
      inputs: [current, overlay.label],
      filters: [{
        name: 'overlay',
        args: {
          x: overlay.image.x,
          y: overlay.image.y,
          enable: whole ? undefined : expr(`between(t,${round3(overlay.start)},${round3(overlay.end)})`),
        },
      }],
      outputs: [overlay.output],
    });
    current = overlay.output;
  }

  chains.push({
    inputs: [current],
    filters: [...(clip.still ? holdAndCut(options.frames) : []), { name: 'setpts', args: [expr('PTS-STARTPTS')] }],
    outputs: [options.output],
  });
  return chains;
}

/** Exactly `frames` frames: a source a hair short (VFR, last frame timing) holds its last frame. */
function holdAndCut(frames: number): Filter[] {
  // One far short is left short and caught by the duration check after the render.
  return [{ name: 'tpad', args: { stop_mode: 'clone', stop_duration: HOLD_LAST_FRAME } }, { name: 'trim', args: { end_frame: frames } }];
}

/** The YCbCr matrix a source uses; untagged HD is BT.709 by convention, untagged SD BT.601. */
function colourMatrix(space: string | undefined, height: number): string {
  switch (space) {
    case 'bt709': return 'bt709';
    case 'bt470bg': case 'smpte170m': return 'bt601';
    case 'bt2020nc': case 'bt2020c': return 'bt2020';
    case 'smpte240m': return 'smpte240m';
    default: return height >= 720 ? 'bt709' : 'bt601';
  }
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
