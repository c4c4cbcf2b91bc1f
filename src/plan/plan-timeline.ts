// Plans one ffmpeg run that renders a timeline (cards and clips) into every requested preset at
// once: each source is decoded once and split per preset; the audio is mixed once and split.
import type { EngineCapabilities } from '../engine/detect-capabilities.ts';
import { AUDIO_FORMATS, IMAGE_FORMATS, SINGLE_IMAGE, VIDEO_FORMATS, inputWhitelist } from '../media/input-whitelists.ts';
import type { FfmpegCommand, FfmpegInput, FfmpegOutput } from './ffmpeg-command.ts';
import { expr, stringifyFiltergraph, type FilterChain } from './filtergraph.ts';
import { planAudio, SAMPLE_RATE } from './plan-audio.ts';
import { planAudioSources } from './plan-audio-sources.ts';
import { planClipVideo } from './plan-clip-video.ts';
import { GRAB_PNG_OUTPUT, type FrameGrab } from './plan-frame-grab.ts';
import { planItemJoin } from './plan-item-join.ts';
import { planLayout, type TimelineLayout } from './plan-layout.ts';
import { planOutputOptions } from './plan-output-options.ts';
import { planSegmentLayout } from './plan-segment-layout.ts';
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
}

/** One window of a part, its own file: frames start… of the whole timeline. */
export interface TimelinePiece {
  start: number;
  frames: number;
  target: string;
  /** Frames into the piece where it also starts a keyframe (IDR), so several segments encoded as one run can be cut apart by stream copy. */
  keyframes?: readonly number[];
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

/** Extra seconds read past each clip so frame-rate conversion always has the frame it needs. */
const READ_MARGIN = 0.5;
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
  // Seconds of item k a part's pieces reach into: at a crossfade its last item is often there only
  // for the overlap before it, and reading (decoding, fitting) the rest would be for nothing.
  const headNeeded = (k: number) => Math.max(...outputs.map((o, p) => {
    const end = Math.max(...part!.pieces[p]!.map((piece) => piece.start + piece.frames));
    return (end - Math.round(layouts[p]!.spans[k]!.start * o.preset.fps)) / o.preset.fps;
  }));

  // Sources: one input per clip (input seeking is fast wherever the clip starts), shared by all
  // outputs through split.
  const clipVideo: (string[] | undefined)[] = [];
  const clipAudio: (string | undefined)[] = [];
  items.forEach((item, k) => {
    if (item.kind !== 'clip' || !inPart(k)) {
      clipVideo.push(undefined);
      clipAudio.push(undefined);
      return;
    }
    const span = Math.min(item.duration, part && transition.type === 'crossfade' && k === part.last && k > first ? headNeeded(k) : Infinity) + READ_MARGIN;
    // A still is decoded and fitted once, then its frame is repeated in memory (tpad): looping
    // the input instead would decode the PNG and redo the fit for every frame.
    const index = item.still
      ? addInput({ options: ['-framerate', String(stillRate), ...SINGLE_IMAGE, ...inputWhitelist(IMAGE_FORMATS)], source: item.source })
      : addInput({
          options: ['-ss', seconds(item.start), '-t', seconds(span), ...inputWhitelist(VIDEO_FORMATS)],
          source: item.source,
        });
    const videoLabel = `${index}:v:${item.still ? 0 : item.media.video!.index}`;
    if (outputs.length > 1) {
      const labels = outputs.map((_, p) => `c${k}p${p}`);
      graph.push({ inputs: [videoLabel], filters: [{ name: 'split', args: [outputs.length] }], outputs: labels });
      clipVideo.push(labels);
    } else {
      clipVideo.push([videoLabel]);
    }
    clipAudio.push(!item.still && item.media.audio ? `${index}:a:${item.media.audio.index}` : undefined);
  });
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
    const { width, height, fps } = output.preset;
    const layout = layouts[p]!;
    frames.push(layout.totalFrames);
    // One input per product badge, split for each of the product's clips.
    const badgeLabels = new Map<string, string[]>();
    Object.entries(output.badges).forEach(([product, badge], b) => {
      const uses = items.filter((item, k) => inPart(k) && item.kind === 'clip' && item.product === product).length;
      if (uses === 0) return;
      const label = image(badge, `badge${p}_${b}`);
      if (uses === 1) {
        badgeLabels.set(product, [label]);
        return;
      }
      const copies = Array.from({ length: uses }, (_, i) => `badge${p}_${b}_${i}`);
      graph.push({ inputs: [label], filters: [{ name: 'split', args: [uses] }], outputs: copies });
      badgeLabels.set(product, [...copies]); // a copy: labels are taken off it as clips use them
    });
    // Where the part's picture starts: a crossfade part that needs only the tail of its first clip
    // (the overlap after it) drops that clip's head before the fit (the frames of a whole 1080p
    // clip, fitted for nothing). Not at a fade: it fades by each item's own times.
    const firstFrame = Math.round(layout.spans[first]!.start * fps);
    const head = items[first]!;
    const skip = part && transition.type === 'crossfade' && head.kind === 'clip' && !head.still
      ? Math.max(0, Math.min(Math.min(...part.pieces[p]!.map((piece) => piece.start)) - firstFrame, layout.frames[first]! - (part.last > first ? layout.overlapFrames : 1)))
      : 0;
    const baseFrame = firstFrame + skip;
    const base = baseFrame / fps;
    const segments: string[] = [];
    items.forEach((item, k) => {
      if (!inPart(k)) return;
      const count = layout.frames[k]!;
      const label = `s${k}p${p}`;
      segments.push(label);
      if (item.kind === 'card') {
        const card = item.card === 'intro' ? output.intro : output.outro;
        if (!card) throw new Error(`no ${item.card} card image for ${output.preset.name}`);
        const source = image(card, `card${k}p${p}`, true);
        graph.push({
          inputs: [source],
          filters: [
            { name: 'setsar', args: [1] },
            { name: 'tpad', args: { stop_mode: 'clone', stop_duration: round3(item.duration + READ_MARGIN) } },
            { name: 'fps', args: [fps] },
            { name: 'trim', args: { end_frame: count } },
            { name: 'setpts', args: [expr('PTS-STARTPTS')] },
          ],
          outputs: [label],
        });
        return;
      }
      const captions = item.captions.map((caption, c) => {
        const placed = output.captions[caption.key];
        if (!placed) throw new Error(`no caption image ${caption.key} for ${output.preset.name}`);
        return { image: placed, label: image(placed, `t${k}c${c}p${p}`), start: caption.start, end: caption.end };
      });
      graph.push(...planClipVideo({
        clip: item,
        input: clipVideo[k]![p]!,
        output: label,
        width,
        height,
        fps,
        outputFit: output.preset.fit,
        frames: count,
        ...(k === first && skip > 0 ? { skipFrames: skip } : {}),
        captions,
        badge: output.badges[item.product] && badgeLabels.get(item.product)?.length
          ? { image: output.badges[item.product]!, label: badgeLabels.get(item.product)!.shift()! }
          : undefined,
        prefix: `k${k}p${p}`,
        grab: options.frameGrab?.item === k
          ? { frame: Math.min(count - 1, Math.max(0, Math.round(options.frameGrab.offset * fps))), output: `grab${p}` }
          : undefined,
      }));
    });
    let current = `cat${p}`;
    graph.push(...planItemJoin({ labels: segments, first, count: items.length, layout, transition, start: base, output: current, prefix: `j${p}` }));

    // Logo over every clip (not the cards); times from where the joined picture starts.
    const clipSpans = layout.spans.flatMap((span, k) => (inPart(k) && items[k]!.kind === 'clip' ? [{ start: span.start - base, end: span.end - base }] : []));
    const overlay = (placed: PlacedImage, label: string, windows: { start: number; end: number }[]) => {
      const next = `${label}o`;
      const enable = windows.map((w) => `between(t,${round3(w.start)},${round3(w.end - 0.5 / fps)})`).join('+');
      graph.push({
        inputs: [current, image(placed, label)],
        filters: [{ name: 'overlay', args: { x: placed.x, y: placed.y, enable: expr(enable) } }],
        outputs: [next],
      });
      current = next;
    };
    if (output.logo && clipSpans.length > 0) overlay(output.logo, `logo${p}`, mergeSpans(clipSpans));
    if (!part) {
      graph.push({ inputs: [current], filters: [{ name: 'format', args: ['yuv420p'] }], outputs: [`v${p}`] });
      // Forced keyframes at the segments' starts (IDR frames: x264's GOPs are closed unless asked otherwise).
      const keyframes = options.keyframeAtSegments ? planSegmentLayout(items, transition, fps).segments.slice(1).map((s) => s.start / fps) : [];
      mapped.push({ target: output.target, options: planOutputOptions({ ...encoding, preset: output.preset, video: `[v${p}]`, audio: `[a${p}]`, keyframes }) });
      return;
    }
    const pieces = part.pieces[p]!;
    const sources = pieces.length === 1 ? [current] : pieces.map((_, i) => `${current}s${i}`);
    if (pieces.length > 1) graph.push({ inputs: [current], filters: [{ name: 'split', args: [pieces.length] }], outputs: sources });
    pieces.forEach((piece, i) => {
      const from = piece.start - baseFrame;
      graph.push({
        inputs: [sources[i]!],
        filters: [
          { name: 'trim', args: { start_frame: from, end_frame: from + piece.frames } },
          { name: 'setpts', args: [expr('PTS-STARTPTS')] },
          { name: 'format', args: ['yuv420p'] },
        ],
        outputs: [`v${p}_${i}`],
      });
      const keyframes = (piece.keyframes ?? []).map((frame) => frame / fps);
      mapped.push({ target: piece.target, options: planOutputOptions({ ...encoding, preset: output.preset, video: `[v${p}_${i}]`, keyframes }) });
    });
  });

  if (options.frameGrab) {
    options.frameGrab.targets.forEach((target, p) => mapped.push({ target, options: ['-map', `[grab${p}]`, ...GRAB_PNG_OUTPUT] }));
  }

  if (!part) graph.push(...planAudio({
    items,
    itemInputs: clipAudio,
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

export interface LoudnessAnalysisOptions {
  items: readonly TimelineItem[];
  audio: AudioPlan;
  transition?: TransitionPlan;
  /** Frame rate of the first output (the audio follows its layout). */
  fps: number;
}

/** Plans the audio-only pass that measures a timeline's loudness (ebur128 summary on stderr). */
export function planLoudnessAnalysis(options: LoudnessAnalysisOptions, nullTarget = '-'): FfmpegCommand {
  const { items } = options;
  const transition = options.transition ?? CUT;
  const inputs: FfmpegInput[] = [];
  const graph = planAudio({
    items,
    ...planAudioSources(items, options.audio, transition, options.fps, inputs),
    transition,
    audio: options.audio,
    outputs: ['measured'],
    finalFilters: [{ name: 'ebur128', args: { peak: 'true', framelog: 'verbose' } }],
  });
  return {
    global: ['-hide_banner', '-nostdin', '-loglevel', 'info'],
    inputs,
    graph: stringifyFiltergraph(graph),
    outputs: [{ options: ['-map', '[measured]', '-f', 'null'], target: nullTarget }],
  };
}

/** Sample counts that follow a layout's frames exactly (48 kHz is a whole number of samples per frame at 24/25/30/60 fps). */
function audioLayout(layout: TimelineLayout): { itemSamples: number[]; overlapSamples: number } {
  const samples = (frames: number) => Math.round((frames * SAMPLE_RATE) / layout.fps);
  return { itemSamples: layout.frames.map(samples), overlapSamples: samples(layout.overlapFrames) };
}

function mergeSpans(spans: { start: number; end: number }[]): { start: number; end: number }[] {
  const merged: { start: number; end: number }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && Math.abs(last.end - span.start) < 1e-6) last.end = span.end;
    else merged.push({ ...span });
  }
  return merged;
}


function seconds(value: number): string {
  return (Math.round(value * 1000) / 1000).toFixed(3);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
