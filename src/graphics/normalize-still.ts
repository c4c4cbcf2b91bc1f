// Turns a still footage image (a product photo) into a plain PNG ffmpeg can loop: upright (EXIF
// orientation applied), no alpha, no larger than the largest output needs.
import type { Metadata } from 'sharp';
import { loadSharp } from '../media/load-sharp.ts';
import { assertRegularFile } from '../media/probe-media.ts';
import { PromoError } from '../util/promo-error.ts';
import { writeImageAtomic } from './write-image-atomic.ts';

export interface NormalizeStillOptions {
  input: string;
  outFile: string;
  /** Longest side, px (default 3840). */
  maxSize?: number;
  /**
   * What transparent pixels become (default white: transparent product photos are cut-outs made
   * for the white backgrounds of shop pages, and look wrong on black).
   */
  background?: string;
}

/** Writes the upright, opaque, size-capped PNG and returns its size. */
export async function normalizeStill(options: NormalizeStillOptions): Promise<{ width: number; height: number }> {
  const maxSize = options.maxSize ?? 3840;
  const unreadable = (reason: string, cause?: unknown) => new PromoError('FOOTAGE_UNREADABLE', `cannot read the still image ${options.input}: ${reason}`, {
    hint: 'use a JPEG, PNG or WebP image (or a video)',
    ...(cause === undefined ? {} : { cause }),
  });
  // Missing, empty or not a file: the same words as for a video.
  await assertRegularFile(options.input);
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(options.input).metadata();
  } catch (cause) {
    throw unreadable((cause as Error).message, cause);
  }
  if (!meta.width || !meta.height) throw unreadable('it has no size');
  let encoded: { data: Buffer; info: { width: number; height: number } };
  try {
    const image = sharp(options.input)
      .rotate() // applies EXIF orientation, then drops the tag
      .flatten({ background: options.background ?? '#FFFFFF' })
      .resize(maxSize, maxSize, { fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .png({ compressionLevel: 6 });
    encoded = await image.toBuffer({ resolveWithObject: true });
  } catch (cause) {
    throw unreadable((cause as Error).message, cause);
  }
  await writeImageAtomic(encoded.data, options.outFile);
  return { width: encoded.info.width, height: encoded.info.height };
}
