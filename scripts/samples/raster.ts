// Raster helpers for the footage frames: RGB frames, RGBA sprites, bilinear sampling, film grain.
import sharp from 'sharp';
import { clamp, rng } from './sample-kit.ts';

interface Rgb {
  w: number;
  h: number;
  data: Uint8Array; // RGB
}
/** An RGBA sprite (straight alpha). */
export interface Rgba {
  w: number;
  h: number;
  data: Uint8Array; // RGBA, straight alpha
}

/** Renders an SVG to a w×h RGB frame. */
export async function svgToRgb(svg: string, w: number, h: number): Promise<Rgb> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 })
    .resize(w, h, { fit: 'fill' })
    .flatten({ background: '#000000' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { w: info.width, h: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Renders an SVG to a w×h RGBA sprite. */
export async function svgToRgba(svg: string, w: number, h: number): Promise<Rgba> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 })
    .resize(w, h, { fit: 'fill' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { w: info.width, h: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** The sprite rotated by `degrees`, on a canvas grown to fit. */
export async function rotateSprite(s: Rgba, degrees: number): Promise<Rgba> {
  const { data, info } = await sharp(Buffer.from(s.data), { raw: { width: s.w, height: s.h, channels: 4 } })
    .rotate(degrees, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { w: info.width, h: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/**
 * Fills `out` (ow×oh RGB) with `src` sampled bilinearly: output pixel (x, y) shows source point
 * (x0 + x·step, y0 + y·step). Sub-pixel accurate, so slow pans and zooms do not judder.
 */
export function sample(src: Rgb, out: Uint8Array, ow: number, oh: number, x0: number, y0: number, step: number): void {
  const cx = new Int32Array(ow); // byte offset of the left source column
  const wx = new Int32Array(ow); // weight of the right column, 0..256
  for (let x = 0; x < ow; x++) {
    const sx = clamp(x0 + x * step, 0, src.w - 1.001);
    const ix = Math.floor(sx);
    cx[x] = ix * 3;
    wx[x] = Math.round((sx - ix) * 256);
  }
  const sw = src.w * 3;
  const s = src.data;
  for (let y = 0; y < oh; y++) {
    const sy = clamp(y0 + y * step, 0, src.h - 1.001);
    const iy = Math.floor(sy);
    const wy = Math.round((sy - iy) * 256);
    const wy0 = 256 - wy;
    const r0 = iy * sw;
    const r1 = r0 + sw;
    let o = y * ow * 3;
    for (let x = 0; x < ow; x++) {
      const a = r0 + cx[x]!;
      const c = r1 + cx[x]!;
      const w1 = wx[x]!;
      const w0 = 256 - w1;
      out[o] = ((s[a]! * w0 + s[a + 3]! * w1) * wy0 + (s[c]! * w0 + s[c + 3]! * w1) * wy + 32768) >>> 16;
      out[o + 1] = ((s[a + 1]! * w0 + s[a + 4]! * w1) * wy0 + (s[c + 1]! * w0 + s[c + 4]! * w1) * wy + 32768) >>> 16;
      out[o + 2] = ((s[a + 2]! * w0 + s[a + 5]! * w1) * wy0 + (s[c + 2]! * w0 + s[c + 5]! * w1) * wy + 32768) >>> 16;
      o += 3;
    }
  }
}

/** Alpha-blends a sprite onto an RGB frame at integer position (x, y) with extra opacity. */
export function blit(out: Uint8Array, ow: number, oh: number, s: Rgba, x: number, y: number, opacity: number): void {
  if (opacity <= 0.002) return;
  const px = Math.round(x);
  const py = Math.round(y);
  const op = Math.round(clamp(opacity, 0, 1) * 256);
  for (let j = 0; j < s.h; j++) {
    const oy = py + j;
    if (oy < 0 || oy >= oh) continue;
    for (let i = 0; i < s.w; i++) {
      const ox = px + i;
      if (ox < 0 || ox >= ow) continue;
      const si = (j * s.w + i) * 4;
      const a = (s.data[si + 3]! * op) >> 8;
      if (a === 0) continue;
      const oi = (oy * ow + ox) * 3;
      for (let k = 0; k < 3; k++) out[oi + k] = (out[oi + k]! * (255 - a) + s.data[si + k]! * a + 127) / 255;
    }
  }
}

const GRAIN_LEN = 1 << 21;
let grainTable: Int8Array | undefined;

/** Fine luminance grain like a small camera sensor: a seeded noise table read at a per-frame offset. */
export function grain(out: Uint8Array, amount: number, seed: number): void {
  if (!grainTable) {
    const r = rng(4242);
    grainTable = new Int8Array(GRAIN_LEN);
    for (let i = 0; i < GRAIN_LEN; i++) grainTable[i] = Math.round((r() - 0.5) * amount);
  }
  const table = grainTable;
  const offset = Math.floor(rng(seed)() * GRAIN_LEN);
  const mask = GRAIN_LEN - 1;
  for (let i = 0, p = 0; i < out.length; i += 3, p++) {
    const n = table[(p + offset) & mask]!;
    const r0 = out[i]! + n;
    const g0 = out[i + 1]! + n;
    const b0 = out[i + 2]! + n;
    out[i] = r0 < 0 ? 0 : r0 > 255 ? 255 : r0;
    out[i + 1] = g0 < 0 ? 0 : g0 > 255 ? 255 : g0;
    out[i + 2] = b0 < 0 ? 0 : b0 > 255 ? 255 : b0;
  }
}
