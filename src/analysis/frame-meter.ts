// Measures each small grey frame of the analysis decode as it arrives: light, contrast, black and
// clipped shares, sharpness, change from the previous frame and the global shift. Holds only the
// previous frame, so a long take costs no more memory than a short one.
import { BLACK_PIXEL_Y, CLIPPED_PIXEL_Y, FLAT_PICTURE_DEVIATION, MAX_SHIFT_SHARE, SALIENCE_BINS } from './analysis-constants.ts';
import type { FrameSeries } from './analysis-types.ts';
import { estimateShift } from './estimate-shift.ts';

export class FrameMeter {
  readonly series: FrameSeries = { time: [], luma: [], contrast: [], blackShare: [], clippedShare: [], sharpness: [], diff: [], change: [], shiftX: [], shiftY: [] };
  /** Per frame, how much happens in each of SALIENCE_BINS columns (edges + motion), for `fit: smart`. */
  readonly columns: number[][] = [];
  private previous?: { full: Uint8Array; small: Float32Array; mean: number; deviation: number };

  constructor(private readonly width: number, private readonly height: number, private readonly fps: number) {}

  /** Measures one frame of width×height grey bytes (copied when kept). */
  push(pixels: Uint8Array): void {
    const { width, height } = this;
    const count = width * height;
    let sum = 0;
    let squares = 0;
    let black = 0;
    let clipped = 0;
    for (let i = 0; i < count; i++) {
      const v = pixels[i]!;
      sum += v;
      squares += v * v;
      if (v <= BLACK_PIXEL_Y) black++;
      else if (v >= CLIPPED_PIXEL_Y) clipped++;
    }
    const mean = sum / count;

    // Mean |4p − neighbours| over the interior: edge energy, which blur takes away.
    let laplacian = 0;
    const bins = new Float64Array(SALIENCE_BINS);
    const binOf = (x: number) => Math.min(SALIENCE_BINS - 1, Math.floor((x * SALIENCE_BINS) / width));
    for (let y = 1; y < height - 1; y++) {
      const base = y * width;
      for (let x = 1; x < width - 1; x++) {
        const i = base + x;
        const edge = Math.abs(4 * pixels[i]! - pixels[i - 1]! - pixels[i + 1]! - pixels[i - width]! - pixels[i + width]!);
        laplacian += edge;
        bins[binOf(x)]! += edge;
      }
    }

    const deviation = Math.sqrt(Math.max(0, squares / count - mean * mean));
    let diff = 0;
    let change = 0;
    let shiftX = 0;
    let shiftY = 0;
    const previous = this.previous;
    const current = { full: Uint8Array.from(pixels), small: quarter(pixels, width, height).pixels, mean, deviation };
    if (previous) {
      let total = 0;
      let products = 0;
      for (let i = 0; i < count; i++) {
        const before = previous.full[i]!;
        const moved = Math.abs(pixels[i]! - before);
        total += moved;
        products += pixels[i]! * before;
        // Motion counts double: hands and the product move, the wall behind them does not.
        bins[binOf(i % width)]! += 2 * moved;
      }
      diff = total / count;
      // 1 − the correlation of the two pictures: a new picture scores about 1 (or more), the same
      // one under other light about 0, so exposure jumps are not taken for cuts. A flat picture
      // (black, a wall) has no structure to compare: no change.
      const flat = deviation < FLAT_PICTURE_DEVIATION || previous.deviation < FLAT_PICTURE_DEVIATION;
      change = flat ? 0 : Math.max(0, 1 - (products / count - mean * previous.mean) / (deviation * previous.deviation));
      const shift = estimateShift(previous, current, width, height, Math.max(4, Math.round(width * MAX_SHIFT_SHARE)));
      shiftX = shift.x;
      shiftY = shift.y;
    }
    const s = this.series;
    s.time.push(s.time.length / this.fps);
    s.luma.push(mean);
    s.contrast.push(deviation);
    s.blackShare.push(black / count);
    s.clippedShare.push(clipped / count);
    s.sharpness.push(laplacian / Math.max(1, (width - 2) * (height - 2)));
    s.diff.push(diff);
    s.change.push(change);
    s.shiftX.push(shiftX);
    s.shiftY.push(shiftY);
    const perBin = height * (width / SALIENCE_BINS);
    this.columns.push(Array.from(bins, (v) => Math.round((v / perBin) * 100) / 100));
    this.previous = current;
  }
}

// A quarter-size copy of a grey frame (each value the mean of a 4×4 block), for the coarse motion search.
function quarter(pixels: Uint8Array, width: number, height: number): { pixels: Float32Array; width: number; height: number } {
  const w = Math.floor(width / 4);
  const h = Math.floor(height / 4);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h * 4; y++) {
    const row = y * width;
    const target = (y >> 2) * w;
    for (let x = 0; x < w * 4; x++) out[target + (x >> 2)]! += pixels[row + x]!;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= 16;
  return { pixels: out, width: w, height: h };
}
