// The filter chains that join an output's items (or a run of them, for the segments of an
// incremental re-render): concat for cuts; fades through black; or, at a crossfade, each item cut
// into its head, body and tail and xfade given only the overlaps, the bodies joined by concat.
import { expr, type FilterChain } from './filtergraph.ts';
import type { TimelineLayout } from './plan-layout.ts';
import type { TransitionPlan } from './plan-types.ts';

export interface ItemJoinOptions {
  /** Labels of the items' pictures, in order. */
  labels: readonly string[];
  /** The timeline index of the first of them (the rest follow it). */
  first: number;
  /** How many items the whole timeline has (a fade leaves its very first and last frames alone). */
  count: number;
  layout: TimelineLayout;
  transition: TransitionPlan;
  /** Frames each picture has (default: its item's), less where a part leaves out the head of its first or the end of its last. */
  frames?: readonly number[];
  output: string;
  prefix: string;
}

/** Joins items first… of a timeline laid out by `layout`; the result's time 0 is where the first picture starts. */
export function planItemJoin(options: ItemJoinOptions): FilterChain[] {
  const { labels, first, count, layout, transition, output, prefix } = options;
  const chains: FilterChain[] = [];
  let parts = [...labels];
  if (transition.type === 'fade') {
    // Out to black at the end of each item and in from black at the start of the next; the
    // video's very first and last frames stay as they are (platforms pick covers from them).
    const half = transition.duration / 2;
    parts = labels.map((label, i) => {
      const k = first + i;
      const length = layout.frames[k]! / layout.fps;
      const fade = Math.min(half, length / 2);
      const filters = [];
      if (k > 0) filters.push({ name: 'fade', args: { t: 'in', st: 0, d: round3(fade) } });
      if (k < count - 1) filters.push({ name: 'fade', args: { t: 'out', st: round3(length - fade), d: round3(fade) } });
      if (filters.length === 0) return label;
      chains.push({ inputs: [label], filters, outputs: [`${label}f`] });
      return `${label}f`;
    });
  }
  if (parts.length === 1) return [...chains, { inputs: parts, filters: [{ name: 'null' }], outputs: [output] }];
  if (transition.type === 'crossfade') {
    const frames = labels.map((_, i) => options.frames?.[i] ?? layout.frames[first + i]!);
    return [...chains, ...planCrossfade(parts, frames, layout, output, prefix)];
  }
  chains.push({ inputs: parts, filters: [{ name: 'concat', args: { n: parts.length, v: 1, a: 0 } }], outputs: [output] });
  return chains;
}

/**
 * xfade only where pictures overlap: ffmpeg 5.1's xfade also works on every frame it merely
 * passes on before and after its transition, which cost benchmark 13b's whole render ~3 s of its
 * ~10 s of filter CPU and moved those frames' chroma (47 dB against the clip's own). Each picture
 * is cut into its head (blended with the one before), body and tail (blended with the next); the
 * overlaps are xfaded alone (the same blends as before) and everything joined by concat, the
 * bodies now exactly the clips' own frames.
 */
function planCrossfade(labels: readonly string[], frames: readonly number[], layout: TimelineLayout, output: string, prefix: string): FilterChain[] {
  const overlap = layout.overlapFrames;
  const chains: FilterChain[] = [];
  const sequence: string[] = [];
  let tailBefore: string | undefined;
  labels.forEach((label, i) => {
    const count = frames[i]!;
    const head = i > 0 ? Math.min(overlap, count) : 0;
    const tail = i < labels.length - 1 ? overlap : 0;
    if (count < head + tail) throw new Error(`item ${i} of a crossfade has ${count} frames, fewer than its overlaps (${head + tail})`);
    const pieces = [
      { name: 'h', from: 0, to: head },
      { name: 'b', from: head, to: count - tail },
      { name: 't', from: count - tail, to: count },
    ].filter((piece) => piece.to > piece.from);
    const piece: Record<string, string> = {};
    if (pieces.length === 1) piece[pieces[0]!.name] = label;
    else {
      chains.push({ inputs: [label], filters: [{ name: 'split', args: [pieces.length] }], outputs: pieces.map((p) => `${prefix}${i}${p.name}s`) });
      for (const p of pieces) {
        piece[p.name] = `${prefix}${i}${p.name}`;
        chains.push({
          inputs: [`${prefix}${i}${p.name}s`],
          filters: [{ name: 'trim', args: { start_frame: p.from, end_frame: p.to } }, { name: 'setpts', args: [expr('PTS-STARTPTS')] }],
          outputs: [piece[p.name]!],
        });
      }
    }
    if (tailBefore && piece.h) {
      const blended = `${prefix}x${i}`;
      chains.push({
        inputs: [tailBefore, piece.h],
        // xfade works on unsubsampled frames (ffmpeg converts its inputs to yuv444p): its output
        // goes back to the pictures' yuv420p here, or concat, when its first input is a blend (a
        // part that starts with an overlap), would negotiate yuv444p for every body it joins:
        // two full-frame conversions of each, and their chroma no longer the clip's own.
        filters: [{ name: 'xfade', args: { transition: 'fade', duration: round3(overlap / layout.fps), offset: 0 } }, { name: 'format', args: ['yuv420p'] }],
        outputs: [blended],
      });
      sequence.push(blended);
    }
    if (piece.b) sequence.push(piece.b);
    tailBefore = piece.t;
  });
  if (sequence.length === 1) return [...chains, { inputs: sequence, filters: [{ name: 'null' }], outputs: [output] }];
  chains.push({ inputs: sequence, filters: [{ name: 'concat', args: { n: sequence.length, v: 1, a: 0 } }], outputs: [output] });
  return chains;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
