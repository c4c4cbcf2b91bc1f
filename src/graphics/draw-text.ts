// Draws one piece of user text with its look (colour, outline, shadow, box) into an RGBA raster
// tight to its content, no wider than a given width.
import { loadSharp } from '../media/load-sharp.ts';
import { dilateMask } from './dilate-mask.ts';
import { escapePangoMarkup } from './escape-pango-markup.ts';
import type { FontSet } from './graphics-types.ts';
import type { Rgba } from './parse-color.ts';
import { cleanText } from './clean-text.ts';
import { Raster } from './raster.ts';
import { renderTextMask, type FontWeight } from './render-text-mask.ts';
import { textGeometry } from './text-geometry.ts';

/** A text look with every length in px. */
export interface TextLook {
  weight: FontWeight;
  size: number;
  /** em */
  lineHeight: number;
  align: 'left' | 'center' | 'right';
  color: Rgba;
  outline?: { color: Rgba; width: number };
  shadow?: { color: Rgba; blur: number; dx: number; dy: number };
  background?: { color: Rgba; radius: number; padX: number; padY: number };
}

export interface DrawnText {
  image: Raster;
  /** 0 when there was nothing to draw. */
  lines: number;
}

export interface DrawTextOptions {
  /** Drawn literally (escaped here). */
  text: string;
  /** Pango markup to draw instead of `text`, for promo's own formatting (already escaped). */
  markup?: string;
  look: TextLook;
  fonts: FontSet;
  /** Widest the result may be, px, box and outline included. */
  maxWidth: number;
  /**
   * Narrow the wrap width as far as the line count allows, so lines come out of even length
   * instead of a full line and a two-character orphan.
   */
  balance?: boolean;
}

/** Draws text wrapped so that the whole result, box and outline included, fits `maxWidth`. */
export async function drawText(options: DrawTextOptions): Promise<DrawnText> {
  const { look } = options;
  const clean = cleanText(options.text);
  if (options.markup === undefined && clean.trim() === '') return { image: new Raster(1, 1), lines: 0 };
  const { inkReach, padX, padY, wrapWidth } = textGeometry(look, options.maxWidth);
  const outlineWidth = look.outline?.width ?? 0;

  const render = (width: number) => renderTextMask({
    markup: options.markup ?? escapePangoMarkup(clean),
    fonts: options.fonts,
    weight: look.weight,
    size: look.size,
    lineHeight: look.lineHeight,
    wrapWidth: width,
    align: look.align,
  });
  const widest = wrapWidth;
  let mask = await render(widest);
  if (options.balance && mask.lines > 1) {
    // Binary search for the narrowest wrap width that still gives the same number of lines.
    let low = Math.ceil(mask.width / mask.lines);
    let high = mask.width;
    while (high - low > Math.max(2, look.size / 4)) {
      const middle = Math.floor((low + high) / 2);
      const trial = await render(middle);
      if (trial.lines <= mask.lines) {
        high = middle;
        mask = trial;
      } else {
        low = middle;
      }
    }
  }

  const margin = Math.ceil(Math.max(inkReach, padX, padY)) + 2;
  const canvas = new Raster(mask.width + 2 * margin, mask.height + 2 * margin);
  const { width, height } = canvas;
  if (look.background) {
    canvas.fillRoundedRect(
      { x: margin - padX, y: margin - padY, width: mask.width + 2 * padX, height: mask.height + 2 * padY },
      look.background.radius,
      look.background.color,
    );
  }
  const alpha = Buffer.alloc(width * height);
  for (let y = 0; y < mask.height; y++) {
    mask.data.copy(alpha, (y + margin) * width + margin, y * mask.width, (y + 1) * mask.width);
  }
  const outlined = look.outline && outlineWidth > 0 ? dilateMask(alpha, width, height, outlineWidth) : undefined;
  if (look.shadow) {
    const blurred = await blurMask(outlined ?? alpha, width, height, look.shadow.blur);
    canvas.paintMask(blurred, width, height, look.shadow.dx, look.shadow.dy, look.shadow.color);
  }
  if (look.outline && outlined) canvas.paintMask(outlined, width, height, 0, 0, look.outline.color);
  canvas.paintMask(alpha, width, height, 0, 0, look.color);
  return { image: canvas.trimmed(), lines: mask.lines };
}

async function blurMask(mask: Buffer, width: number, height: number, sigma: number): Promise<Buffer> {
  if (sigma < 0.3) return mask; // sharp's smallest blur
  const sharp = await loadSharp();
  return sharp(mask, { raw: { width, height, channels: 1 } }).blur(sigma).extractChannel(0).raw().toBuffer();
}
