// Synthetic analyses for the pure tests: a take whose every frame is well lit, sharp and gently
// moving, with sound in phrases separated by pauses; tests then paint defects, cuts or silences
// into the series, as a real analysis would measure them.
import { ANALYSIS_VERSION } from '../../src/analysis/analysis-constants.ts';
import type { FootageAnalysis } from '../../src/analysis/analysis-types.ts';

export interface SyntheticOptions {
  seconds: number;
  /** false: no audio stream. */
  audio?: boolean;
  /** dBFS of the noise floor and of speech. */
  floorDb?: number;
  speechDb?: number;
  /** Seconds of speech, then of pause, repeating. */
  phrase?: number;
  pause?: number;
}

/** A clean take of `seconds` at 10 analysed frames and 20 audio windows per second. */
export function syntheticTake(options: SyntheticOptions): FootageAnalysis {
  const fps = 10;
  const n = Math.round(options.seconds * fps);
  const frames = {
    time: [] as number[], luma: [] as number[], contrast: [] as number[], blackShare: [] as number[], clippedShare: [] as number[],
    sharpness: [] as number[], diff: [] as number[], change: [] as number[], shiftX: [] as number[], shiftY: [] as number[],
  };
  for (let i = 0; i < n; i++) {
    frames.time.push(i / fps);
    // Small, varied differences, as a real take has from frame to frame.
    frames.luma.push(120 + (i % 7));
    frames.contrast.push(60);
    frames.blackShare.push(0.02);
    frames.clippedShare.push(0.01);
    frames.sharpness.push(12 + (i % 5) * 0.3);
    frames.diff.push(i === 0 ? 0 : 4 + (i % 3));
    frames.change.push(i === 0 ? 0 : 0.05 + (i % 4) * 0.01);
    frames.shiftX.push(0.3 * Math.sin(i / 10));
    frames.shiftY.push(0);
  }
  const analysis: FootageAnalysis = { version: ANALYSIS_VERSION, duration: options.seconds, fps, width: 160, height: 90, frames, columns: frames.time.map(() => new Array<number>(32).fill(1)) };
  if (options.audio !== false) {
    const phrase = options.phrase ?? 2.5;
    const pause = options.pause ?? 0.5;
    const db: number[] = [];
    for (let w = 0; w < options.seconds * 20; w++) {
      const t = (w / 20) % (phrase + pause);
      db.push(t < phrase ? (options.speechDb ?? -24) : (options.floorDb ?? -62));
    }
    analysis.audio = { window: 0.05, db };
  }
  return analysis;
}

/** Sets `field` to `value` for the frames in [start, end) seconds. */
export function paint(analysis: FootageAnalysis, field: keyof FootageAnalysis['frames'], start: number, end: number, value: number | ((i: number) => number)): void {
  const series = analysis.frames[field];
  for (let i = Math.round(start * analysis.fps); i < Math.min(series.length, Math.round(end * analysis.fps)); i++) {
    series[i] = typeof value === 'function' ? value(i) : value;
  }
}

/** Sets the loudness of the audio windows in [start, end) seconds. */
export function paintAudio(analysis: FootageAnalysis, start: number, end: number, db: number): void {
  const audio = analysis.audio!;
  for (let w = Math.round(start / audio.window); w < Math.min(audio.db.length, Math.round(end / audio.window)); w++) audio.db[w] = db;
}
