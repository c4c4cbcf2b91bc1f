// Judges every analysed frame: black, dark, overexposed, blurred (relative to its scene's own
// sharpness, and to the take's), frozen, shaky (relative to the take's own steadiness), and how good it is to look
// at: its sharpness, light and steadiness as ranks within the take (0 worst, 1 best).
import {
  BLACK_FRAME_SHARE, BLUR_ABSOLUTE, BLUR_ACROSS_SCENES, BLUR_RELATIVE, DARK_MEAN_Y, FROZEN_DIFF, FROZEN_MIN_SECONDS, FROZEN_REFRESH_FRAMES,
  FROZEN_UNCHANGED_DIFF, OVEREXPOSED_MEAN_Y,
  OVEREXPOSED_SHARE, SHAKY_JITTER_SHARE, SHAKY_MIN_SECONDS, SHAKY_RELATIVE, SHARP_REFERENCE_PERCENTILE,
} from './analysis-constants.ts';
import type { DefectKind, FootageAnalysis } from './analysis-types.ts';
import { findRuns } from './find-runs.ts';
import { measureJitter } from './measure-jitter.ts';
import { percentile } from './percentile.ts';

export type PictureDefectKind = Exclude<DefectKind, 'silence'>;

export interface PictureReading {
  /** Per kind, per frame: whether the frame has that defect. */
  flags: Record<PictureDefectKind, boolean[]>;
  /** Per frame, 0–1 ranks within the take's usable frames. */
  sharpRank: number[];
  lightRank: number[];
  /** Per frame, 0 (shaky) – 1 (still camera). */
  steadiness: number[];
}

/** Reads the picture of `analysis`, whose hard cuts are `cuts`. */
export function readPicture(analysis: FootageAnalysis, cuts: readonly number[]): PictureReading {
  const f = analysis.frames;
  const n = f.time.length;
  const range = [...Array(n).keys()];
  const black = range.map((i) => f.blackShare[i]! >= BLACK_FRAME_SHARE);
  const dark = range.map((i) => !black[i] && f.luma[i]! < DARK_MEAN_Y);
  const overexposed = range.map((i) => f.clippedShare[i]! >= OVEREXPOSED_SHARE || f.luma[i]! > OVEREXPOSED_MEAN_Y);
  // Light problems take sharpness and motion with them: those frames are judged on light only.
  const exposed = range.map((i) => !black[i] && !dark[i] && !overexposed[i]);
  const usable = range.filter((i) => exposed[i]);
  // Blurred against its own scene (focus lost within a shot), or against the take (a shot soft
  // from end to end), or outright.
  const sharpReference = (frames: readonly number[]) => percentile(frames.map((i) => f.sharpness[i]!), SHARP_REFERENCE_PERCENTILE, 0);
  const takeLimit = Math.max(BLUR_ABSOLUTE, BLUR_ACROSS_SCENES * sharpReference(usable));
  const blurLimit = new Array<number>(n).fill(takeLimit);
  const edges = [0, ...cuts, n];
  for (let k = 0; k + 1 < edges.length; k++) {
    const scene = usable.filter((i) => i >= edges[k]! && i < edges[k + 1]!);
    const limit = Math.max(takeLimit, BLUR_RELATIVE * sharpReference(scene));
    for (let i = edges[k]!; i < edges[k + 1]!; i++) blurLimit[i] = limit;
  }
  const blur = range.map((i) => exposed[i]! && f.sharpness[i]! < blurLimit[i]!);

  // Frozen: the same picture again and again (a cut frame always changes) for FROZEN_MIN_SECONDS or
  // more, through a keyframe's refresh of it; a still shot that lives (noise, steam, a hand) is
  // not frozen however steady. The frame before the first unchanged one shows the same picture,
  // so the span starts there.
  const still = range.map((i) => i > 0 && exposed[i]! && f.diff[i]! < FROZEN_DIFF);
  const repeated = range.map((i) => still[i]! && f.diff[i]! <= FROZEN_UNCHANGED_DIFF);
  const runs = findRuns(repeated);
  for (let k = 0; k + 1 < runs.length; k++) {
    const [from, to] = [runs[k]![1], runs[k + 1]![0]];
    if (to - from > FROZEN_REFRESH_FRAMES || !range.slice(from, to).every((i) => still[i])) continue;
    for (let i = from; i < to; i++) repeated[i] = true;
  }
  const frozen = new Array<boolean>(n).fill(false);
  for (const [start, end] of findRuns(repeated)) {
    if ((end - start + 1) / analysis.fps < FROZEN_MIN_SECONDS) continue;
    for (let i = Math.max(0, start - 1); i < end; i++) frozen[i] = true;
  }

  // A shift means something only between two well-exposed moving frames of one light.
  const shiftValid = range.map((i) => i > 0 && exposed[i]! && exposed[i - 1]! && !frozen[i] && Math.abs(f.luma[i]! - f.luma[i - 1]!) < 20);
  const jitter = measureJitter(f, analysis.fps, cuts, shiftValid);
  const typical = percentile(usable.map((i) => jitter[i]!), 0.5, 0);
  const shakeLimit = Math.max(SHAKY_JITTER_SHARE * analysis.width, SHAKY_RELATIVE * typical);
  const shaking = range.map((i) => exposed[i]! && !frozen[i] && jitter[i]! >= shakeLimit);
  const shaky = new Array<boolean>(n).fill(false);
  for (const [start, end] of findRuns(shaking, Math.max(1, Math.round(SHAKY_MIN_SECONDS * analysis.fps)))) {
    for (let i = start; i < end; i++) shaky[i] = true;
  }

  return {
    flags: { black, dark, overexposed, blur, frozen, shaky },
    sharpRank: rankWithin(f.sharpness, usable),
    lightRank: rankWithin(f.luma, usable),
    steadiness: jitter.map((j) => Math.max(0, 1 - j / shakeLimit)),
  };
}

// Each frame's value as the share of usable frames below it (frames outside `usable` rank 0).
function rankWithin(values: readonly number[], usable: readonly number[]): number[] {
  const sorted = usable.map((i) => values[i]!).sort((a, b) => a - b);
  const usableSet = new Set(usable);
  return values.map((value, i) => {
    if (!usableSet.has(i) || sorted.length < 2) return usableSet.has(i) ? 1 : 0;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid]! < value) low = mid + 1;
      else high = mid;
    }
    return low / (sorted.length - 1);
  });
}
