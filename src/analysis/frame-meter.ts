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
  /** A copy of the first frame measured (a later half's first frame is measured again against the earlier half's last). */
  first?: Uint8Array;
  private pending: Buffer = Buffer.alloc(0);

  /**
   * Where each of the SALIENCE_BINS columns starts (x; the last entry is the width): the pixels of a
   * column are summed in a local and added to its bin once a row, not one by one (consecutive adds
   * to one array slot wait on each other).
   */
  private readonly binEdges: Int32Array;

  /** `limit`: frames after this many are left out (the overrun of a first half). */
  constructor(private readonly width: number, private readonly height: number, private readonly fps: number, private readonly limit = Infinity) {
    const binOf = (x: number) => Math.min(SALIENCE_BINS - 1, Math.floor((x * SALIENCE_BINS) / width));
    this.binEdges = Int32Array.from({ length: SALIENCE_BINS + 1 }, (_, bin) => {
      let x = 0;
      while (x < width && binOf(x) < bin) x++;
      return x;
    });
  }

  /** The last frame measured, or undefined before the first. */
  get last(): Uint8Array | undefined {
    return this.previous?.full;
  }

  /** Takes the next bytes of the raw grey frames (chunks may split a frame). */
  write(chunk: Buffer): void {
    const size = this.width * this.height;
    const bytes = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let offset = 0;
    for (; offset + size <= bytes.length; offset += size) this.push(bytes.subarray(offset, offset + size));
    // Copied: a view would keep the whole chunk alive.
    this.pending = Buffer.from(bytes.subarray(offset));
  }

  /** Measures one frame of width×height grey bytes (copied when kept). */
  push(pixels: Uint8Array): void {
    if (this.series.time.length >= this.limit) return;
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
    // Every sum here and below is of integers (exact in a double), so summing a column's pixels
    // first gives the very values of adding them one by one.
    let laplacian = 0;
    const bins = new Float64Array(SALIENCE_BINS);
    const edges = this.binEdges;
    for (let y = 1; y < height - 1; y++) {
      const base = y * width;
      for (let bin = 0; bin < SALIENCE_BINS; bin++) {
        const x1 = Math.min(width - 1, edges[bin + 1]!);
        let column = 0;
        for (let x = Math.max(1, edges[bin]!); x < x1; x++) {
          const i = base + x;
          const e = 4 * pixels[i]! - pixels[i - 1]! - pixels[i + 1]! - pixels[i - width]! - pixels[i + width]!;
          column += e < 0 ? -e : e;
        }
        laplacian += column;
        bins[bin]! += column;
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
      const before = previous.full;
      for (let y = 0; y < height; y++) {
        const base = y * width;
        for (let bin = 0; bin < SALIENCE_BINS; bin++) {
          const x1 = edges[bin + 1]!;
          let column = 0;
          for (let x = edges[bin]!; x < x1; x++) {
            const now = pixels[base + x]!;
            const then = before[base + x]!;
            const d = now - then;
            column += d < 0 ? -d : d;
            products += now * then;
          }
          total += column;
          // Motion counts double: hands and the product move, the wall behind them does not.
          bins[bin]! += 2 * column;
        }
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
    this.first ??= current.full;
  }
}

// A quarter-size copy of a grey frame (each value the mean of a 4×4 block), for the coarse motion
// search. Each block is summed in a local (integers: the same sum as adding into the array).
function quarter(pixels: Uint8Array, width: number, height: number): { pixels: Float32Array; width: number; height: number } {
  const w = Math.floor(width / 4);
  const h = Math.floor(height / 4);
  const out = new Float32Array(w * h);
  for (let by = 0; by < h; by++) {
    for (let bx = 0; bx < w; bx++) {
      let block = 0;
      for (let row = (by * 4) * width + bx * 4, end = row + 4 * width; row < end; row += width) {
        block += pixels[row]! + pixels[row + 1]! + pixels[row + 2]! + pixels[row + 3]!;
      }
      out[by * w + bx] = block / 16;
    }
  }
  return { pixels: out, width: w, height: h };
}
