// The filter chains that join an output's items (or a run of them, for the segments of an
// incremental re-render): concat for cuts; fades through black; or xfade chains that overlap.
import type { FilterChain } from './filtergraph.ts';
import type { TimelineLayout } from './plan-layout.ts';
import type { TransitionPlan } from './plan-types.ts';

export interface ItemJoinOptions {
  /** Labels of the items' pictures, in order. */
  labels: readonly string[];
  /** The timeline index of the first of them (the rest follow it). */
  first: number;
  /** How many items the whole timeline has (a fade leaves its very first and last frames alone). */
  count: number;
  /** Seconds on the timeline where the first item's picture starts (default: where the item does; later when its head is left out). */
  start?: number;
  layout: TimelineLayout;
  transition: TransitionPlan;
  output: string;
  prefix: string;
}

/** Joins items first… of a timeline laid out by `layout`; the result's time 0 is `start`. */
export function planItemJoin(options: ItemJoinOptions): FilterChain[] {
  const { labels, first, count, layout, transition, output, prefix } = options;
  // Offsets from the first joined picture's start: a run of items joins as in the whole timeline.
  const base = options.start ?? layout.spans[first]!.start;
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
    let joined = parts[0]!;
    for (let i = 1; i < parts.length; i++) {
      const next = i === parts.length - 1 ? output : `${prefix}x${i}`;
      chains.push({
        inputs: [joined, parts[i]!],
        filters: [{ name: 'xfade', args: { transition: 'fade', duration: round3(layout.overlapFrames / layout.fps), offset: round3(layout.spans[first + i]!.start - base) } }],
        outputs: [next],
      });
      joined = next;
    }
    return chains;
  }
  chains.push({ inputs: parts, filters: [{ name: 'concat', args: { n: parts.length, v: 1, a: 0 } }], outputs: [output] });
  return chains;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
