// Reads a logo or template image (png, jpg, webp, svg, …) scaled to fit or cover a box.
import { loadSharp } from '../media/load-sharp.ts';
import { PromoError } from '../util/promo-error.ts';
import { Raster } from './raster.ts';

/**
 * The image scaled (never past what `contain`/`cover` needs) to `width`×`height` px, EXIF
 * orientation applied; `contain` keeps the image's aspect and returns it tight, `cover` fills
 * the box and crops the middle. Unreadable → ASSET_INVALID naming the file.
 */
export async function readImageFitted(file: string, width: number, height: number, fit: 'contain' | 'cover'): Promise<Raster> {
  const sharp = await loadSharp();
  try {
    const meta = await sharp(file).metadata();
    if (!meta.width || !meta.height) throw new Error('no image dimensions');
    // Vector images are rasterised at the density that gives the target size, so they stay sharp.
    const density = meta.format === 'svg'
      ? Math.min(20_000, Math.max(1, Math.ceil(72 * Math.max(width / meta.width, height / meta.height) * 1.05)))
      : undefined;
    const image = sharp(file, density === undefined ? {} : { density })
      .rotate()
      .ensureAlpha()
      .resize(Math.round(width), Math.round(height), { fit: fit === 'contain' ? 'inside' : 'cover', kernel: 'lanczos3' });
    return await Raster.fromSharp(image);
  } catch (cause) {
    throw new PromoError('ASSET_INVALID', `cannot read image ${file}: ${(cause as Error).message}`, {
      hint: 'use a PNG, JPEG, WebP or SVG file',
      cause,
    });
  }
}
