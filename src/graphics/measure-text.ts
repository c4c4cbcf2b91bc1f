// Measures text as drawText would draw it, without painting: for the shrink-to-fit searches.
import { cleanText } from './clean-text.ts';
import type { DrawTextOptions } from './draw-text.ts';
import { escapePangoMarkup } from './escape-pango-markup.ts';
import { renderTextMask } from './render-text-mask.ts';
import { textGeometry } from './text-geometry.ts';

export interface TextMeasure {
  /** At least the drawn width and height, px (box, outline and shadow included). */
  width: number;
  height: number;
  lines: number;
}

/** The size drawText would produce (an upper bound) and its line count. */
export async function measureText(options: DrawTextOptions): Promise<TextMeasure> {
  const clean = cleanText(options.text);
  if (options.markup === undefined && clean === '') return { width: 0, height: 0, lines: 0 };
  const { look } = options;
  const geometry = textGeometry(look, options.maxWidth);
  const mask = await renderTextMask({
    markup: options.markup ?? escapePangoMarkup(clean),
    fonts: options.fonts,
    weight: look.weight,
    size: look.size,
    lineHeight: look.lineHeight,
    wrapWidth: geometry.wrapWidth,
    align: look.align,
  });
  return {
    width: Math.ceil(mask.width + 2 * geometry.extraX),
    height: Math.ceil(mask.height + 2 * geometry.extraY),
    lines: mask.lines,
  };
}
