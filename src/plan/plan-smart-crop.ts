// `fit: smart` (pure): where a crop window of the frame's shape sits over a clip, following the
// important part of the picture (edges and motion per column, measured by the analysis) the way
// AutoFlip does without its models: a steady window when the important part stays put (snapped to
// the centre when near it), else one that tracks it with a dead zone and a capped pan speed; and
// no window at all (the caller falls back to the blurred fill) when the important part does not fit.
import type { SalienceTrack } from './plan-types.ts';

/** Importance each column gets for being central (a mild centre prior): 1 + this at the centre, 1 at the edges. */
export const SMART_CENTRE_BIAS = 0.15;
/** Seconds over which each frame's importance is averaged before the window is placed. */
export const SMART_SMOOTH_SECONDS = 1;
/** The window must hold at least this share of the picture's importance on average, else: blurred fill. */
export const SMART_MIN_SHARE = 0.45;
/** Steady when the best windows' centres stay within this share of the picture's width… */
export const SMART_STEADY_RANGE = 0.3;
/** …and snapped to the centre when that steady window is this close to it. */
export const SMART_SNAP_TO_CENTRE = 0.08;
/** A tracking window ignores its target moving less than this share of the width (a dead zone)… */
export const SMART_DEAD_ZONE = 0.04;
/** …and pans at most this share of the picture's width per second. */
export const SMART_MAX_PAN_PER_SECOND = 0.25;
/** Seconds between the keyframes of the window's path (linear between them). */
export const SMART_KEYFRAME_SECONDS = 0.5;

export interface SmartCrop {
  /** The window's left edge, px of the scaled (cover) picture, at each keyframe time (seconds from the clip's start). */
  path: { t: number; x: number }[];
  /** The share of the importance inside the window, on average. */
  share: number;
  steady: boolean;
  /** The crop filter's `x`: a number for a steady window, else an expression of `t`. */
  x: string;
}

/**
 * The window path for a clip whose picture is scaled to `coverWidth` px wide and cropped to
 * `frameWidth`; undefined when the important part does not fit in the window.
 */
export function planSmartCrop(track: SalienceTrack | undefined, coverWidth: number, frameWidth: number, duration: number): SmartCrop | undefined {
  if (!track || track.columns.length === 0 || frameWidth >= coverWidth) return undefined;
  const bins = track.columns[0]!.length;
  const window = frameWidth / coverWidth;
  const half = Math.max(0, Math.round((SMART_SMOOTH_SECONDS * track.fps) / 2));
  const prior = [...Array(bins).keys()].map((b) => 1 + SMART_CENTRE_BIAS * (1 - Math.abs((b + 0.5) / bins - 0.5) * 2));
  const best: { centre: number; share: number }[] = track.columns.map((_, i) => {
    const profile = new Array<number>(bins).fill(0);
    for (let j = Math.max(0, i - half); j <= Math.min(track.columns.length - 1, i + half); j++) {
      track.columns[j]!.forEach((v, b) => { profile[b]! += v * prior[b]!; });
    }
    return bestWindow(profile, window);
  });
  const share = best.reduce((sum, b) => sum + b.share, 0) / best.length;
  if (share < SMART_MIN_SHARE) return undefined;

  const centres = best.map((b) => b.centre);
  const lowest = Math.min(...centres);
  const highest = Math.max(...centres);
  const toX = (centre: number) => Math.round(Math.min(1 - window, Math.max(0, centre - window / 2)) * coverWidth);
  const keyframes = Math.max(1, Math.ceil(duration / SMART_KEYFRAME_SECONDS));
  if (highest - lowest <= SMART_STEADY_RANGE) {
    const sorted = [...centres].sort((a, b) => a - b);
    let centre = sorted[Math.floor(sorted.length / 2)]!;
    if (Math.abs(centre - 0.5) <= SMART_SNAP_TO_CENTRE) centre = 0.5;
    const path = [{ t: 0, x: toX(centre) }];
    return { path, share, steady: true, x: expression(path) };
  }
  // Tracking: start on the first target, then follow with a dead zone and a speed cap.
  const step = SMART_MAX_PAN_PER_SECOND / track.fps;
  const positions: number[] = [];
  let position = centres[0]!;
  for (const target of centres) {
    const error = target - position;
    if (Math.abs(error) > SMART_DEAD_ZONE) position += Math.sign(error) * Math.min(Math.abs(error) - SMART_DEAD_ZONE / 2, step);
    positions.push(position);
  }
  const path: { t: number; x: number }[] = [];
  for (let k = 0; k <= keyframes; k++) {
    const t = Math.min(duration, k * SMART_KEYFRAME_SECONDS);
    const i = Math.min(positions.length - 1, Math.round(t * track.fps));
    path.push({ t: Math.round(t * 1000) / 1000, x: toX(positions[i]!) });
  }
  return { path, share, steady: false, x: expression(path) };
}

// The path as an ffmpeg expression of `t` (linear between keyframes, then held).
function expression(path: readonly { t: number; x: number }[]): string {
  if (path.length === 1) return String(path[0]!.x);
  let text = String(path[path.length - 1]!.x);
  for (let k = path.length - 2; k >= 0; k--) {
    const a = path[k]!;
    const b = path[k + 1]!;
    const slope = (b.x - a.x) / Math.max(1e-3, b.t - a.t);
    text = `if(lt(t,${b.t}),${a.x}+(t-${a.t})*${Math.round(slope * 1000) / 1000},${text})`;
  }
  return text;
}

// The window (share `window` of the width) holding the most importance; its centre (0–1) and share.
function bestWindow(profile: readonly number[], window: number): { centre: number; share: number } {
  const bins = profile.length;
  const total = profile.reduce((sum, v) => sum + v, 0);
  if (total <= 0) return { centre: 0.5, share: window };
  // Importance up to a fractional bin position, so the window can stand between bins.
  const prefix = [0];
  for (const v of profile) prefix.push(prefix[prefix.length - 1]! + v);
  const upTo = (u: number) => {
    const x = Math.max(0, Math.min(bins, u * bins));
    const whole = Math.floor(x);
    return prefix[whole]! + (whole < bins ? (x - whole) * profile[whole]! : 0);
  };
  const steps = bins * 4;
  const sums = [...Array(steps + 1).keys()].map((s) => {
    const left = ((1 - window) * s) / steps;
    return { left, sum: upTo(left + window) - upTo(left) };
  });
  const bestSum = Math.max(...sums.map((w) => w.sum));
  // Of the windows that hold (nearly) as much, the one centred on what they hold: a small subject
  // sits in the middle of the window, not at its edge.
  const near = sums.filter((w) => w.sum >= bestSum * 0.99);
  const first = near[0]!;
  let weighted = 0;
  for (let b = 0; b < bins; b++) {
    const middle = (b + 0.5) / bins;
    if (middle >= first.left && middle <= near[near.length - 1]!.left + window) weighted += middle * profile[b]!;
  }
  const inside = upTo(near[near.length - 1]!.left + window) - upTo(first.left);
  const target = inside > 0 ? weighted / inside : first.left + window / 2;
  const chosen = near.reduce((a, b) => (Math.abs(b.left + window / 2 - target) < Math.abs(a.left + window / 2 - target) ? b : a));
  return { centre: chosen.left + window / 2, share: bestSum / total };
}
