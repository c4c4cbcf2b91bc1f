// Plans one ffmpeg run that renders a timeline (cards and clips) into every requested preset at
// once: each source is decoded once and split per preset; the audio is mixed once and split.
// The clips' inputs are planned in plan-clip-inputs.ts, each output's picture in plan-output-video.ts.
import type { EngineCapabilities } from '../engine/detect-capabilities.ts';
import { AUDIO_FORMATS, IMAGE_FORMATS, SINGLE_IMAGE, inputWhitelist } from '../media/input-whitelists.ts';
import type { FfmpegCommand, FfmpegInput, FfmpegOutput } from './ffmpeg-command.ts';
import { stringifyFiltergraph, type FilterChain } from './filtergraph.ts';
import { planAudio, SAMPLE_RATE } from './plan-audio.ts';
import { planClipInputs } from './plan-clip-inputs.ts';
import { GRAB_PNG_OUTPUT, type FrameGrab } from './plan-frame-grab.ts';
import { planLayout, type TimelineLayout } from './plan-layout.ts';
import { planOutputVideo } from './plan-output-video.ts';
import type { AudioPlan, EncodeSettings, PlacedImage, PresetOutput, TimelineItem, TransitionPlan } from './plan-types.ts';

export interface PlanTimelineOptions {
  items: readonly TimelineItem[];
  outputs: readonly PresetOutput[];
  audio: AudioPlan;
  encode: EncodeSettings;
  capabilities: Pick<EngineCapabilities, 'fpsModeOption'>;
  /** Default: cuts. A crossfade needs an engine with xfade (ffmpeg 4.3+). */
  transition?: TransitionPlan;
  /**
   * Start every segment after the first on a keyframe (IDR, closed GOP): each item, and at a
   * crossfade each overlap (plan-segment-layout.ts), so each can be cut out by stream copy and
   * kept for an incremental re-render.
   */
  keyframeAtSegments?: boolean;
  /** Render only part of the timeline, video only, as separate files (segments of an incremental re-render). */
  part?: TimelinePart;
  /** Also write one fitted frame of a clip per output as PNG (the cover), from this decode. */
  frameGrab?: FrameGrab;
}

/**
 * Items first..last, laid out as in the whole timeline (so they join and fade as there), and the
 * frames each output writes of them: pieces[p], windows on the whole timeline's frames, each its
 * own video-only file. No audio chains, inputs or streams.
 */
export interface TimelinePart {
  first: number;
  last: number;
  pieces: readonly (readonly TimelinePiece[])[];
  /**
   * At a crossfade, read the first clip's source from here (seconds into the source): the time of
   * the first frame its pieces need (plan-part-skip.ts), found where the whole render's frame-rate
   * grid puts it (render/probe-head-seek.ts), so its head is never decoded. Same fps for all pieces.
   */
  headSeek?: number;
}

/** One window of a part, its own file: frames start… of the whole timeline. */
export interface TimelinePiece {
  start: number;
  frames: number;
  target: string;
  /** Frames into the piece where it also starts a keyframe (IDR), so several segments encoded as one run can be cut apart by stream copy. */
  keyframes?: readonly number[];
  /**
   * Cut at those keyframes as it is encoded (the segment muxer): `target` is then a folder that
   * gets `0.mp4`, `1.mp4`, … and `list` the muxer's CSV of their starts and ends.
   */
  list?: string;
}

const CUT: TransitionPlan = { type: 'cut', duration: 0 };

export interface TimelinePlan {
  command: FfmpegCommand;
  /** Seconds, exact to the frame for each output. */
  duration: number;
  /** Start and end (seconds) of each item on the timeline. */
  spans: { start: number; end: number }[];
  /** Frames per output, in output order. */
  frames: number[];
}

const GLOBAL_OPTIONS = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-xerror'];

/** Plans the render of a timeline into every output preset in one ffmpeg command. */
export function planTimeline(options: PlanTimelineOptions): TimelinePlan {
  const { items, outputs } = options;
  if (items.length === 0) throw new Error('a timeline needs at least one item');
  if (outputs.length === 0) throw new Error('a render needs at least one output');
  const transition = options.transition ?? CUT;
  // The first output's layout is the reference for the shared audio and the reported duration.
  const layouts = outputs.map((o) => planLayout(items, transition, o.preset.fps));
  const { spans, duration } = layouts[0]!;
  const inputs: FfmpegInput[] = [];
  const graph: FilterChain[] = [];
  const addInput = (input: FfmpegInput) => inputs.push(input) - 1;
  const stillRate = Math.max(...outputs.map((o) => o.preset.fps));
  const { part } = options;
  const first = part?.first ?? 0;
  const inPart = (k: number) => k >= first && k <= (part?.last ?? items.length - 1);
  const encoding = { encode: options.encode, capabilities: options.capabilities };

  // Sources: one input per clip, shared by all outputs through split.
  const clips = planClipInputs({ items, outputs, layouts, transition, part, inPart, stillRate, addInput });
  graph.push(...clips.chains);
  const musicIndex = options.audio.music && !part
    ? addInput({ options: ['-stream_loop', '-1', ...inputWhitelist(AUDIO_FORMATS)], source: options.audio.music.file })
    : undefined;

  // Pictures per output: cards, captions, logo, badges.
  // Each picture is one frame, converted once: RGB(A) → YUV with the BT.709 matrix the output is
  // tagged with (the default would be BT.601). Overlays hold their one frame; cards repeat it.
  // Their chains open the graph: when two inputs wait for data equally, ffmpeg 4.1 reads the one
  // whose chain comes first, and a footage input read ahead of a waiting overlay's picture (as a
  // frame grab's select makes it) would stall the video behind that overlay, frames piling up.
  const imageChains: FilterChain[] = [];
  const image = (placed: PlacedImage | string, label: string, opaque = false) => {
    const path = typeof placed === 'string' ? placed : placed.path;
    const index = addInput({ options: ['-framerate', String(stillRate), ...SINGLE_IMAGE, ...inputWhitelist(IMAGE_FORMATS)], source: path });
    imageChains.push({
      inputs: [`${index}:v:0`],
      filters: [
        { name: 'scale', args: { out_color_matrix: 'bt709', out_range: 'tv' } },
        { name: 'format', args: [opaque ? 'yuv420p' : 'yuva420p'] },
      ],
      outputs: [label],
    });
    return label;
  };

  const frames: number[] = [];
  const mapped: FfmpegOutput[] = [];
  outputs.forEach((output, p) => {
    frames.push(layouts[p]!.totalFrames);
    const video = planOutputVideo({
      items,
      output,
      index: p,
      layout: layouts[p]!,
      transition,
      part,
      inPart,
      clipVideo: clips.video,
      image,
      encoding,
      keyframeAtSegments: options.keyframeAtSegments,
      frameGrab: options.frameGrab,
    });
    graph.push(...video.chains);
    mapped.push(...video.outputs);
  });

  if (options.frameGrab) {
    options.frameGrab.targets.forEach((target, p) => mapped.push({ target, options: ['-map', `[grab${p}]`, ...GRAB_PNG_OUTPUT] }));
  }

  if (!part) graph.push(...planAudio({
    items,
    itemInputs: clips.audio,
    ...audioLayout(layouts[0]!),
    transition,
    audio: options.audio,
    musicInput: musicIndex === undefined ? undefined : `${musicIndex}:a:0`,
    outputs: outputs.map((_, p) => `a${p}`),
  }));

  return {
    command: { global: GLOBAL_OPTIONS, inputs, graph: stringifyFiltergraph([...imageChains, ...graph]), outputs: mapped },
    duration,
    spans,
    frames,
  };
}

/** Sample counts that follow a layout's frames exactly (48 kHz is a whole number of samples per frame at 24/25/30/60 fps). */
function audioLayout(layout: TimelineLayout): { itemSamples: number[]; overlapSamples: number } {
  const samples = (frames: number) => Math.round((frames * SAMPLE_RATE) / layout.fps);
  return { itemSamples: layout.frames.map(samples), overlapSamples: samples(layout.overlapFrames) };
}
