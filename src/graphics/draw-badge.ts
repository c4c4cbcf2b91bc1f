// Draws the price badge (big price, optional struck-through original price, on a brand-coloured
// pill) into a raster; shared by the video badge and the cover.
import { contrastColor } from './contrast-color.ts';
import { drawText, type TextLook } from './draw-text.ts';
import { escapePangoMarkup } from './escape-pango-markup.ts';
import { formatPrice } from './format-price.ts';
import type { BadgeTemplate, FontSet } from './graphics-types.ts';
import { parseColor } from './parse-color.ts';
import { Raster } from './raster.ts';

export interface DrawBadgeOptions {
  price: number;
  /** Shown struck through only when higher than `price`. */
  originalPrice?: number;
  currency: string;
  /** Brand colour, `#RRGGBB`. */
  color: string;
  template: BadgeTemplate;
  /** The frame's shorter side, px (template sizes are fractions of it). */
  unit: number;
  scale: number;
  fonts: FontSet;
  /** Widest the badge may be, px. */
  maxWidth: number;
}

/** Draws the badge, tight to its pill (and shadow). */
export async function drawBadge(options: DrawBadgeOptions): Promise<Raster> {
  const { template: t, fonts } = options;
  const vars = { 'brand.color': options.color, 'brand.contrast': contrastColor(options.color) };
  const priceSize = t.price.size * options.unit * options.scale;
  const originalSize = t.original.size * options.unit * options.scale;
  const padX = t.background.padding[0] * priceSize;
  const padY = t.background.padding[1] * priceSize;
  const gap = t.gap * priceSize;
  const inner = options.maxWidth - 2 * padX;

  const price = formatPrice(options.price, options.currency);
  const symbolPercent = Math.round(t.price.symbolScale * 100);
  const look = (weight: 'regular' | 'bold', size: number, color: string, opacity: number): TextLook => ({
    weight, size, lineHeight: 1.3, align: 'left', color: parseColor(color, vars, opacity),
  });
  const priceText = await drawText({
    text: price.text,
    // promo's own markup around escaped parts: a smaller currency symbol on the same baseline.
    markup: `<span size="${symbolPercent}%">${escapePangoMarkup(price.symbol)}</span>${escapePangoMarkup(price.amount)}`,
    look: look(t.price.weight, priceSize, t.price.color, 1),
    fonts,
    maxWidth: inner,
  });
  const showOriginal = options.originalPrice !== undefined && options.originalPrice > options.price;
  const original = showOriginal
    ? await drawText({
      text: formatPrice(options.originalPrice ?? 0, options.currency).text,
      markup: t.original.strike
        ? `<span strikethrough="true">${escapePangoMarkup(formatPrice(options.originalPrice ?? 0, options.currency).text)}</span>`
        : undefined,
      look: look(t.original.weight, originalSize, t.original.color, t.original.opacity),
      fonts,
      maxWidth: inner,
    })
    : undefined;

  const a = priceText.image;
  const b = original?.image;
  const row = t.layout === 'row';
  const contentW = b ? (row ? a.width + gap + b.width : Math.max(a.width, b.width)) : a.width;
  const contentH = b ? (row ? Math.max(a.height, b.height) : a.height + gap + b.height) : a.height;
  const pill = { width: Math.round(contentW + 2 * padX), height: Math.round(contentH + 2 * padY) };

  const shadow = t.shadow;
  const reach = shadow ? Math.ceil(Math.max(Math.abs(shadow.offset[0]), Math.abs(shadow.offset[1])) * priceSize + 3 * shadow.blur * priceSize) : 0;
  const canvas = new Raster(pill.width + 2 * reach, pill.height + 2 * reach);
  if (shadow) {
    const blur = shadow.blur * priceSize;
    const color = parseColor(shadow.color, vars, shadow.opacity);
    // A soft shadow approximated by stacked translucent pills growing by the blur radius.
    const steps = 6;
    for (let i = steps; i >= 1; i--) {
      const grow = (blur * i) / steps;
      canvas.fillRoundedRect({
        x: reach - grow + shadow.offset[0] * priceSize,
        y: reach - grow + shadow.offset[1] * priceSize,
        width: pill.width + 2 * grow,
        height: pill.height + 2 * grow,
      }, t.background.radius * priceSize + grow, { ...color, a: color.a / steps });
    }
  }
  canvas.fillRoundedRect({ x: reach, y: reach, ...pill }, t.background.radius * priceSize, parseColor(t.background.color, vars, t.background.opacity));
  const left = reach + padX;
  const top = reach + padY;
  // Row: both prices sit on the same bottom line (digits have no descenders, so ink bottom is the baseline).
  canvas.draw(a, left, row ? top + contentH - a.height : top);
  if (b) canvas.draw(b, row ? left + a.width + gap : left, row ? top + contentH - b.height : top + a.height + gap);
  return canvas.trimmed();
}
