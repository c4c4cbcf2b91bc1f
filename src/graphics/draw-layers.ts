// Draws a layered template (intro, outro, cover) onto a frame-sized raster: fills, gradients,
// shapes, images, the logo, the price badge and text stacks that shrink to fit their box.
import type { PresetDef } from '../presets/presets.ts';
import { PromoError } from '../util/promo-error.ts';
import { drawBadge } from './draw-badge.ts';
import { drawText } from './draw-text.ts';
import { findLargestFit } from './find-largest-fit.ts';
import { fillPlaceholders } from './fill-placeholders.ts';
import { measureText } from './measure-text.ts';
import type { BadgeTemplate, FontSet, TemplateLayer } from './graphics-types.ts';
import { parseColor } from './parse-color.ts';
import { Raster } from './raster.ts';
import { readImageFitted } from './read-image-fitted.ts';
import { resolveArea, resolveBox } from './resolve-box.ts';
import { resolveTextLook } from './resolve-text-look.ts';

export interface DrawLayersOptions {
  canvas: Raster;
  layers: readonly TemplateLayer[];
  /** For messages: the template file the layers come from. */
  templateFile: string;
  preset: PresetDef;
  fonts: FontSet;
  language: 'zh' | 'en';
  /** Placeholder values (see buildPlaceholders). */
  values: Readonly<Record<string, string>>;
  /** Absolute path of the brand logo, for `logo` layers. */
  logo?: string;
  /** What `badge` layers draw; absent: they are left out. */
  badge?: { price: number; originalPrice?: number; currency: string; color: string; template: BadgeTemplate };
}

type TextLayer = Extract<TemplateLayer, { type: 'text' }>;

/** Draws every layer in order onto `options.canvas`. */
export async function drawLayers(options: DrawLayersOptions): Promise<void> {
  const { canvas, preset, values } = options;
  const unit = Math.min(preset.width, preset.height);
  const frame = { x: 0, y: 0, width: preset.width, height: preset.height };
  for (const layer of options.layers) {
    switch (layer.type) {
      case 'fill':
        canvas.fillRoundedRect(frame, 0, parseColor(layer.color, values, layer.opacity));
        break;
      case 'gradient':
        canvas.fillGradient(layer.box ? resolveBox(layer.box, preset) : frame, parseColor(layer.from, values), parseColor(layer.to, values), layer.direction);
        break;
      case 'rect':
        canvas.fillRoundedRect(resolveBox(layer.box, preset), layer.radius * unit, parseColor(layer.color, values, layer.opacity));
        break;
      case 'image':
      case 'logo': {
        const src = layer.type === 'image' ? layer.src : options.logo;
        if (src === undefined) break;
        const box = resolveBox(layer.box, preset);
        const image = await readImageFitted(src, box.width, box.height, layer.type === 'image' ? layer.fit : 'contain');
        const shown = layer.type === 'logo' ? image.trimmed() : image;
        const x = layer.align === 'left' ? box.x : layer.align === 'right' ? box.x + box.width - shown.width : box.x + (box.width - shown.width) / 2;
        const y = layer.valign === 'top' ? box.y : layer.valign === 'bottom' ? box.y + box.height - shown.height : box.y + (box.height - shown.height) / 2;
        canvas.draw(shown, x, y, layer.opacity);
        break;
      }
      case 'badge': {
        if (!options.badge) break;
        const area = resolveArea(layer.in, preset);
        const x = Math.round(area.x + layer.x * area.width);
        const y = Math.round(area.y + layer.y * area.height);
        const badge = await drawBadge({ ...options.badge, unit, scale: layer.scale, fonts: options.fonts, maxWidth: area.x + area.width - x });
        canvas.draw(badge, Math.min(x, area.x + area.width - badge.width), Math.min(y, area.y + area.height - badge.height));
        break;
      }
      case 'text':
        await drawTextLayer(layer, options, unit);
        break;
    }
  }
}

async function drawTextLayer(layer: TextLayer, options: DrawLayersOptions, unit: number): Promise<void> {
  const items = layer.items.flatMap((item) => {
    const source = typeof item.text === 'string' ? item.text : item.text[options.language];
    const text = fillPlaceholders(source, options.values);
    return text === undefined || text.trim() === '' ? [] : [{ item, text }];
  });
  if (items.length === 0) return;
  const box = resolveBox(layer.box, options.preset);
  const textOptions = (scale: number) => items.map(({ item, text }) => ({
    text,
    look: resolveTextLook(item, Math.max(8, item.size * unit * scale), options.values),
    fonts: options.fonts,
    maxWidth: box.width,
  }));
  const gap = (scale: number) => layer.gap * unit * scale;

  // Shrink all items together: first within each item's maxLines, then (below minScale) ignoring it.
  const attempt = (withLines: boolean) => async (scale: number) => {
    const measured = await Promise.all(textOptions(scale).map(measureText));
    const linesOk = !withLines || measured.every((m, i) => m.lines <= (items[i]?.item.maxLines ?? 1));
    const height = measured.reduce((sum, m) => sum + m.height, 0) + gap(scale) * (measured.length - 1);
    return linesOk && height <= box.height ? measured : undefined;
  };
  const found = await findLargestFit(layer.minScale, 1, 0.02, attempt(true))
    ?? await findLargestFit(0.1, layer.minScale, 0.01, attempt(false));
  if (!found) {
    const longest = items.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    throw new PromoError('SPEC_INVALID', `text too long for its box in ${options.templateFile}: ${JSON.stringify(longest.text.slice(0, 40))}…`, {
      hint: 'shorten the text, or give the text layer a bigger box in the template',
    });
  }
  // Drawn with even line lengths (same lines, never wider).
  const drawn = await Promise.all(textOptions(found.value).map((o) => drawText({ ...o, balance: true })));
  const total = drawn.reduce((sum, d) => sum + d.image.height, 0) + gap(found.value) * (drawn.length - 1);
  let y = box.y + (layer.valign === 'top' ? 0 : layer.valign === 'bottom' ? box.height - total : (box.height - total) / 2);
  drawn.forEach((d, i) => {
    const align = items[i]?.item.align ?? 'center';
    const x = align === 'left' ? box.x : align === 'right' ? box.x + box.width - d.image.width : box.x + (box.width - d.image.width) / 2;
    options.canvas.draw(d.image, x, y);
    y += d.image.height + gap(found.value);
  });
}
