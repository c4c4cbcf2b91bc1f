// A small RGBA canvas (straight alpha, 8 bits) for composing text, boxes and images exactly:
// blending here rather than in a chain of sharp composites keeps every pixel under our control
// and the output identical from run to run.
import type { Sharp } from 'sharp';
import { loadSharp } from '../media/load-sharp.ts';
import type { Rgba } from './parse-color.ts';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type GradientDirection = 'down' | 'up' | 'right' | 'left';

export class Raster {
  readonly width: number;
  readonly height: number;
  readonly data: Buffer;

  constructor(width: number, height: number, data?: Buffer) {
    this.width = Math.max(1, Math.round(width));
    this.height = Math.max(1, Math.round(height));
    this.data = data ?? Buffer.alloc(this.width * this.height * 4);
  }

  /** Reads any image sharp can read, as RGBA. */
  static async fromSharp(image: Sharp): Promise<Raster> {
    // Grey or CMYK images would otherwise come out with 2 or 5 channels.
    const { data, info } = await image.toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) throw new Error(`expected 4 channels after conversion, got ${info.channels}`);
    return new Raster(info.width, info.height, data);
  }

  /** Paints `color` through a one-channel coverage mask whose top-left lands at x,y. */
  paintMask(mask: Buffer, maskWidth: number, maskHeight: number, x: number, y: number, color: Rgba): void {
    const x0 = Math.round(x);
    const y0 = Math.round(y);
    for (let my = Math.max(0, -y0); my < maskHeight && y0 + my < this.height; my++) {
      for (let mx = Math.max(0, -x0); mx < maskWidth && x0 + mx < this.width; mx++) {
        const coverage = mask[my * maskWidth + mx] ?? 0;
        if (coverage === 0) continue;
        this.blend((y0 + my) * this.width + x0 + mx, color.r, color.g, color.b, (coverage / 255) * color.a);
      }
    }
  }

  /** Fills a rectangle with rounded corners, antialiased. */
  fillRoundedRect(box: Bounds, radius: number, color: Rgba): void {
    const r = Math.max(0, Math.min(radius, box.width / 2, box.height / 2));
    const x1 = box.x + box.width;
    const y1 = box.y + box.height;
    const midX = (box.x + x1) / 2;
    const midY = (box.y + y1) / 2;
    const halfW = box.width / 2 - r;
    const halfH = box.height / 2 - r;
    const opaque = color.a >= 1;
    const d = this.data;
    for (let py = Math.max(0, Math.floor(box.y)); py < Math.min(this.height, Math.ceil(y1)); py++) {
      const qy = Math.abs(py + 0.5 - midY) - halfH;
      for (let px = Math.max(0, Math.floor(box.x)); px < Math.min(this.width, Math.ceil(x1)); px++) {
        // Signed distance to the rounded rectangle; coverage is its clamp around the pixel centre.
        const qx = Math.abs(px + 0.5 - midX) - halfW;
        const ox = qx > 0 ? qx : 0;
        const oy = qy > 0 ? qy : 0;
        const inside = qx > qy ? qx : qy;
        const outside = Math.sqrt(ox * ox + oy * oy) + (inside < 0 ? inside : 0) - r;
        const coverage = outside <= -0.5 ? 1 : 0.5 - outside;
        if (coverage <= 0) continue;
        if (coverage === 1 && opaque) {
          const i = (py * this.width + px) * 4;
          d[i] = color.r;
          d[i + 1] = color.g;
          d[i + 2] = color.b;
          d[i + 3] = 255;
        } else {
          this.blend(py * this.width + px, color.r, color.g, color.b, coverage * color.a);
        }
      }
    }
  }

  /** Fills a rectangle with a gradient (eased at both ends) from `from` to `to` along `direction`. */
  fillGradient(box: Bounds, from: Rgba, to: Rgba, direction: GradientDirection): void {
    const x0 = Math.max(0, Math.round(box.x));
    const y0 = Math.max(0, Math.round(box.y));
    const x1 = Math.min(this.width, Math.round(box.x + box.width));
    const y1 = Math.min(this.height, Math.round(box.y + box.height));
    const vertical = direction === 'down' || direction === 'up';
    const span = Math.max(1, (vertical ? box.height : box.width) - 1);
    // One colour per row (vertical) or column (horizontal), computed once.
    const count = vertical ? y1 - y0 : x1 - x0;
    const stops = new Float64Array(Math.max(0, count) * 4);
    for (let i = 0; i < count; i++) {
      let t = vertical ? (y0 + i - box.y) / span : (x0 + i - box.x) / span;
      if (direction === 'up' || direction === 'left') t = 1 - t;
      t = Math.min(1, Math.max(0, t));
      // Smoothstep: a linear ramp shows visible bands where it starts and ends (Mach bands).
      t = t * t * (3 - 2 * t);
      stops[i * 4] = from.r + (to.r - from.r) * t;
      stops[i * 4 + 1] = from.g + (to.g - from.g) * t;
      stops[i * 4 + 2] = from.b + (to.b - from.b) * t;
      stops[i * 4 + 3] = from.a + (to.a - from.a) * t;
    }
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) {
        const k = (vertical ? py - y0 : px - x0) * 4;
        this.blend(py * this.width + px, stops[k] ?? 0, stops[k + 1] ?? 0, stops[k + 2] ?? 0, stops[k + 3] ?? 0);
      }
    }
  }

  /** Draws another raster over this one with its top-left at x,y. */
  draw(source: Raster, x: number, y: number, opacity = 1): void {
    const x0 = Math.round(x);
    const y0 = Math.round(y);
    const src = source.data;
    for (let sy = Math.max(0, -y0); sy < source.height && y0 + sy < this.height; sy++) {
      for (let sx = Math.max(0, -x0); sx < source.width && x0 + sx < this.width; sx++) {
        const i = (sy * source.width + sx) * 4;
        const alpha = ((src[i + 3] ?? 0) / 255) * opacity;
        if (alpha === 0) continue;
        this.blend((y0 + sy) * this.width + x0 + sx, src[i] ?? 0, src[i + 1] ?? 0, src[i + 2] ?? 0, alpha);
      }
    }
  }

  /** The smallest rectangle holding every pixel that is not fully transparent. */
  contentBounds(): Bounds | undefined {
    let minX = this.width;
    let minY = this.height;
    let maxX = -1;
    let maxY = -1;
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        if ((this.data[(y * this.width + x) * 4 + 3] ?? 0) === 0) continue;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
    return maxX < 0 ? undefined : { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
  }

  /** A copy of the given rectangle. */
  crop(box: Bounds): Raster {
    const out = new Raster(box.width, box.height);
    for (let y = 0; y < out.height; y++) {
      const start = ((box.y + y) * this.width + box.x) * 4;
      this.data.copy(out.data, y * out.width * 4, start, start + out.width * 4);
    }
    return out;
  }

  /** A copy cropped to its content (1×1 transparent when empty). */
  trimmed(): Raster {
    const bounds = this.contentBounds();
    return bounds ? this.crop(bounds) : new Raster(1, 1);
  }

  /** The pixels as a sharp image, to encode or transform. */
  async toSharp(): Promise<Sharp> {
    const sharp = await loadSharp();
    return sharp(this.data, { raw: { width: this.width, height: this.height, channels: 4 } });
  }

  // Straight-alpha "source over".
  private blend(pixel: number, r: number, g: number, b: number, alpha: number): void {
    if (alpha <= 0) return;
    const i = pixel * 4;
    const d = this.data;
    const da = (d[i + 3] ?? 0) / 255;
    const a = Math.min(1, alpha);
    const outA = a + da * (1 - a);
    const keep = (da * (1 - a)) / outA;
    const put = a / outA;
    // Uint8 stores truncate; + 0.5 rounds.
    d[i] = r * put + (d[i] ?? 0) * keep + 0.5;
    d[i + 1] = g * put + (d[i + 1] ?? 0) * keep + 0.5;
    d[i + 2] = b * put + (d[i + 2] ?? 0) * keep + 0.5;
    d[i + 3] = outA * 255 + 0.5;
  }
}
