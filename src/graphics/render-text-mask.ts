// Draws Pango markup with the Noto Sans SC fonts into a one-channel coverage mask, wrapped to a
// width, and counts its lines. The only caller of sharp's `text` input.
import { loadSharp } from '../media/load-sharp.ts';
import type { FontSet } from './graphics-types.ts';
import { PromoError } from '../util/promo-error.ts';

export type FontWeight = 'regular' | 'bold';

export interface TextMaskOptions {
  /** Pango markup: user text must already have gone through escapePangoMarkup. */
  markup: string;
  fonts: FontSet;
  weight: FontWeight;
  /** Font size, px. */
  size: number;
  /** Distance between baselines, em. */
  lineHeight: number;
  /** Wrap width, px; omitted: one line per `\n`. */
  wrapWidth?: number;
  align: 'left' | 'center' | 'right';
}

export interface TextMask {
  /** Coverage, one byte per pixel, tight to the ink. */
  data: Buffer;
  width: number;
  height: number;
  lines: number;
  /** Baseline-to-baseline distance used, px. */
  pitch: number;
}

// Pango's own baseline distance for a font file and size; a property of the font, so cached.
const naturalPitch = new Map<string, Promise<number>>();

/** Renders `markup` as a coverage mask, tight to the ink, and reports how many lines it took. */
export async function renderTextMask(options: TextMaskOptions): Promise<TextMask> {
  const size = Math.max(4, Math.round(options.size));
  const natural = await measureNaturalPitch(options.fonts, options.weight, size);
  const pitch = Math.max(1, Math.round(options.lineHeight * size));
  const { data, info } = await textImage(options.fonts, options.weight, size, options.markup, {
    spacing: pitch - natural,
    ...(options.wrapWidth === undefined ? {} : { width: Math.max(1, Math.floor(options.wrapWidth)), wrap: 'word-char' as const }),
    align: options.align === 'center' ? 'centre' : options.align,
  });
  // The image is cropped to the ink, so n lines measure (n-1) pitches plus one line's ink, and a
  // line's ink (≤ ~1.15 em with accents and descenders) stays under a pitch because the
  // templates' lineHeight is at least 1.2 em.
  const lines = Math.floor(info.height / pitch) + 1;
  return { data, width: info.width, height: info.height, lines, pitch };
}

function measureNaturalPitch(fonts: FontSet, weight: FontWeight, size: number): Promise<number> {
  const key = `${fontFile(fonts, weight)}:${size}`;
  let job = naturalPitch.get(key);
  if (!job) {
    job = (async () => {
      const one = await textImage(fonts, weight, size, '明', {});
      const two = await textImage(fonts, weight, size, '明\n明', {});
      return two.info.height - one.info.height;
    })();
    naturalPitch.set(key, job);
    job.catch(() => naturalPitch.delete(key));
  }
  return job;
}

async function textImage(
  fonts: FontSet,
  weight: FontWeight,
  size: number,
  markup: string,
  layout: { spacing?: number; width?: number; wrap?: 'word-char'; align?: 'left' | 'centre' | 'right' },
): Promise<{ data: Buffer; info: { width: number; height: number } }> {
  const sharp = await loadSharp();
  const font = `${fonts.family}${weight === 'bold' ? ' Bold' : ''} ${size}`;
  try {
    // dpi 72: one point is one pixel, so `size` is the em size in px.
    return await sharp({ text: { text: markup, font, fontfile: fontFile(fonts, weight), dpi: 72, ...layout } })
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (cause) {
    throw new PromoError('RENDER_FAILED', `could not draw text ${JSON.stringify(markup.slice(0, 60))}: ${(cause as Error).message}`, { cause });
  }
}

function fontFile(fonts: FontSet, weight: FontWeight): string {
  return weight === 'bold' ? fonts.bold : fonts.regular;
}
