// One output's picture in a timeline's ffmpeg run (plan-timeline.ts): its cards and fitted clips
// (captions, badge, the cover's frame grab), joined by the transition, the logo over the clips,
// and what it maps to: the whole output's video, or each piece of a part as its own file.
import type { EngineCapabilities } from '../engine/detect-capabilities.ts';
import type { FfmpegOutput } from './ffmpeg-command.ts';
import { expr, type FilterChain } from './filtergraph.ts';
import { MAX_READ_MARGIN } from './read-margin.ts';
import { planClipVideo } from './plan-clip-video.ts';
import { clipOverlaps, planOverlayWindow } from './plan-overlay-window.ts';
import type { FrameGrab } from './plan-frame-grab.ts';
import { planItemJoin } from './plan-item-join.ts';
import type { TimelineLayout } from './plan-layout.ts';
import { planOutputOptions } from './plan-output-options.ts';
import { planPartReach } from './plan-part-reach.ts';
import { planPartSkip } from './plan-part-skip.ts';
import { planSegmentLayout } from './plan-segment-layout.ts';
import type { TimelinePart } from './plan-timeline.ts';
import type { EncodeSettings, PlacedImage, PresetOutput, TimelineItem, TransitionPlan } from './plan-types.ts';

export interface OutputVideoOptions {
  items: readonly TimelineItem[];
  output: PresetOutput;
  /** The output's place among the run's outputs (in its graph labels). */
  index: number;
  /** The output's layout of the items. */
  layout: TimelineLayout;
  transition: TransitionPlan;
  part?: TimelinePart;
  /** Whether item k is rendered (all are without a part). */
  inPart: (k: number) => boolean;
  /** Per item, the label of its clip's picture for each output (planClipInputs). */
  clipVideo: readonly (readonly string[] | undefined)[];
  /** Adds a picture's input and its conversion chain, and returns the chain's label. */
  image: (placed: PlacedImage | string, label: string, opaque?: boolean) => string;
  encoding: { encode: EncodeSettings; capabilities: Pick<EngineCapabilities, 'fpsModeOption'> };
  keyframeAtSegments?: boolean;
  frameGrab?: FrameGrab;
}

export interface OutputVideoPlan {
  /** The output's chains, in graph order. */
  chains: FilterChain[];
  /** Its mapped video: one, or one per piece of a part. */
  outputs: FfmpegOutput[];
}

/** Plans one output's picture chains and the ffmpeg outputs that write it. */
export function planOutputVideo(options: OutputVideoOptions): OutputVideoPlan {
  const { items, output, index: p, layout, transition, part, inPart, clipVideo, image, encoding } = options;
  const { width, height, fps } = output.preset;
  const first = part?.first ?? 0;
  const graph: FilterChain[] = [];
  const mapped: FfmpegOutput[] = [];
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
  // (the overlap after it) drops that clip's head before the fit (plan-part-skip.ts).
  const firstFrame = Math.round(layout.spans[first]!.start * fps);
  const skip = part ? planPartSkip(items, layout, transition, part, p) : 0;
  const baseFrame = firstFrame + skip;
  const base = baseFrame / fps;
  // At a crossfade a part's last clip is often there only for the overlap before it: its frames
  // past the last piece's end are cut before the fit, as plan-clip-inputs.ts reads only so far.
  const last = part?.last ?? -1;
  const lastItem = items[last];
  const reach = part && transition.type === 'crossfade' && last > first && lastItem?.kind === 'clip' && !lastItem.still
    ? Math.min(layout.frames[last]!, planPartReach(part, layout, p, last))
    : undefined;
  // The frames each picture has: a part's first without the head it leaves out, its last cut to its reach.
  const shown = (k: number) => (k === first ? layout.frames[k]! - skip : k === last && reach !== undefined ? reach : layout.frames[k]!);
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
          { name: 'tpad', args: { stop_mode: 'clone', stop_duration: round3(item.duration + MAX_READ_MARGIN) } },
          { name: 'fps', args: [fps] },
          { name: 'trim', args: { end_frame: count } },
          { name: 'setpts', args: [expr('PTS-STARTPTS')] },
        ],
        outputs: [label],
      });
      return;
    }
    // At a crossfade captions keep off the overlaps, and so does the price badge where the
    // neighbour's is another product's (plan-overlay-window.ts).
    const overlaps = clipOverlaps(layout, k, items.length);
    const captions = item.captions.map((caption, c) => {
      const placed = output.captions[caption.key];
      if (!placed) throw new Error(`no caption image ${caption.key} for ${output.preset.name}`);
      return { image: placed, label: image(placed, `t${k}c${c}p${p}`), ...planOverlayWindow(caption, overlaps) };
    });
    const badge = output.badges[item.product];
    const clashes = (j: number) => {
      const other = items[j];
      return other?.kind === 'clip' && other.product !== item.product && output.badges[other.product] !== undefined;
    };
    const badgeWindow = planOverlayWindow({ start: 0, end: item.duration }, {
      ...overlaps, head: clashes(k - 1) ? overlaps.head : 0, tail: clashes(k + 1) ? overlaps.tail : 0, strict: true,
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
      ...(k === last && reach !== undefined ? { usedFrames: reach } : {}),
      ...(k === first && skip > 0 ? { skipFrames: skip, ...(part?.headSeek === undefined ? {} : { seeked: true }) } : {}),
      captions,
      badge: badge && badgeLabels.get(item.product)?.length
        ? { image: badge, label: badgeLabels.get(item.product)!.shift()!, ...badgeWindow }
        : undefined,
      prefix: `k${k}p${p}`,
      grab: options.frameGrab?.item === k
        ? { frame: Math.min(count - 1, Math.max(0, Math.round(options.frameGrab.offset * fps))), output: `grab${p}` }
        : undefined,
    }));
  });
  let current = `cat${p}`;
  const frames = items.flatMap((_, k) => (inPart(k) ? [shown(k)] : []));
  graph.push(...planItemJoin({ labels: segments, first, count: items.length, layout, transition, frames, output: current, prefix: `j${p}` }));

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
    return { chains: graph, outputs: mapped };
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
    if (piece.list === undefined) {
      mapped.push({ target: piece.target, options: planOutputOptions({ ...encoding, preset: output.preset, video: `[v${p}_${i}]`, keyframes }) });
      return;
    }
    // The segments' frame counts from the keyframes; the muxer reads `%d` as the segment number.
    const edges = [0, ...(piece.keyframes ?? []), piece.frames];
    const segments = { frames: edges.slice(1).map((edge, e) => edge - edges[e]!), list: piece.list };
    mapped.push({ target: `${piece.target.replaceAll('%', '%%')}/%d.mp4`, options: planOutputOptions({ ...encoding, preset: output.preset, video: `[v${p}_${i}]`, keyframes, segments }) });
  });
  return { chains: graph, outputs: mapped };
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

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
