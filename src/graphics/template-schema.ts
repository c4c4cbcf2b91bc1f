// The shape of every template file in templates/ (documented in templates/README.md), as zod
// schemas. Units: boxes are fractions of the frame or of the safe area; font sizes, gaps and
// radii of shapes are fractions of the frame's shorter side; padding, outline, shadow and the
// radius of a text background are in em (multiples of that text's final font size).
import { z } from 'zod';

/** Every placeholder a template text may use. */
export const TEXT_PLACEHOLDERS = [
  'stream.title', 'stream.host', 'stream.date', 'stream.time', 'stream.datetime', 'stream.url',
  'stream.zone', 'product.name', 'product.sku', 'product.price', 'product.originalPrice',
  'currency', 'brand.color', 'brand.contrast', 'cta',
] as const;

/** The placeholders a colour may use. */
export const COLOR_PLACEHOLDERS = ['brand.color', 'brand.contrast'] as const;

const PLACEHOLDER = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;

function unknownPlaceholders(text: string, known: readonly string[]): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !known.includes(name));
}

const fraction = z.number().min(0).max(1);
const em = (max: number) => z.number().min(0).max(max);

const color = z.string().superRefine((value, ctx) => {
  const placeholder = /^\{\{\s*([A-Za-z.]+)\s*\}\}$/.exec(value);
  if (placeholder) {
    if (!(COLOR_PLACEHOLDERS as readonly string[]).includes(placeholder[1] ?? '')) {
      ctx.addIssue({ code: 'custom', message: `unknown colour placeholder ${value}; use one of ${COLOR_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}` });
    }
  } else if (!/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(value)) {
    ctx.addIssue({ code: 'custom', message: `expected a colour like "#RRGGBB" or "#RRGGBBAA", got "${value}"` });
  }
});

const placeholderText = z.string().superRefine((value, ctx) => {
  for (const name of unknownPlaceholders(value, TEXT_PLACEHOLDERS)) {
    ctx.addIssue({ code: 'custom', message: `unknown placeholder {{${name}}}; see templates/README.md for the list` });
  }
});

/** A text, or one text per stream language. */
const localizedText = z.union([placeholderText, z.strictObject({ zh: placeholderText, en: placeholderText })]);

/**
 * frame: the whole frame; safe: the area no platform UI covers; centered: the safe area
 * narrowed to be symmetric about the frame's vertical centre line (for centred titles on
 * platforms whose safe area is lopsided, like Douyin's button column on the right).
 */
const area = z.enum(['frame', 'safe', 'centered']);

const box = z.strictObject({
  x: fraction, y: fraction, w: fraction.refine((v) => v > 0, 'must be more than 0'), h: fraction.refine((v) => v > 0, 'must be more than 0'),
  /** What the fractions refer to (see AREA). */
  in: area.default('safe'),
});

const align = z.enum(['left', 'center', 'right']);

const outline = z.strictObject({ color, width: em(0.5) });
const shadow = z.strictObject({
  color: color.default('#000000'),
  opacity: fraction.default(0.5),
  blur: em(1).default(0.08),
  offset: z.tuple([z.number().min(-1).max(1), z.number().min(-1).max(1)]).default([0, 0.04]),
});
const textBackground = z.strictObject({
  color,
  opacity: fraction.default(1),
  radius: em(3).default(0.3),
  /** [horizontal, vertical] */
  padding: z.tuple([em(5), em(5)]).default([0.5, 0.25]),
});

/** Fields shared by every text: captions, card and cover texts. */
const textStyleFields = {
  weight: z.enum(['regular', 'bold']).default('bold'),
  size: z.number().gt(0).max(0.5),
  color: color.default('#FFFFFF'),
  opacity: fraction.default(1),
  /** Distance between baselines, em (at least 1.2: line counting relies on it). */
  lineHeight: z.number().min(1.2).max(3).default(1.35),
  align: align.default('center'),
  maxLines: z.number().int().min(1).max(20).default(2),
  outline: outline.optional(),
  shadow: shadow.optional(),
  background: textBackground.optional(),
};

export const captionStyleSchema = z.strictObject({
  ...textStyleFields,
  /** Smallest size the caption shrinks to before it may take more than maxLines lines. */
  minSize: z.number().gt(0).max(0.5).optional(),
  /** Widest the caption may be, fraction of the safe area's width. */
  maxWidth: fraction.default(1),
  /** Tallest the caption may be, fraction of the safe area's height. */
  maxHeight: fraction.default(0.5),
  /** Gap between the caption and the bottom of the safe area, fraction of the safe area's height. */
  bottom: fraction.default(0.04),
});

export const badgeTemplateSchema = z.strictObject({
  /** Offset from the safe area's top-left corner, fractions of the safe area. */
  x: fraction.default(0),
  y: fraction.default(0),
  layout: z.enum(['row', 'column']).default('row'),
  /** Space between the price and the original price, em of the price. */
  gap: em(3).default(0.3),
  price: z.strictObject({
    weight: z.enum(['regular', 'bold']).default('bold'),
    size: z.number().gt(0).max(0.5),
    color: color.default('{{brand.contrast}}'),
    /** Size of the currency symbol relative to the digits. */
    symbolScale: z.number().min(0.3).max(1).default(0.6),
  }),
  original: z.strictObject({
    weight: z.enum(['regular', 'bold']).default('regular'),
    size: z.number().gt(0).max(0.5),
    color: color.default('{{brand.contrast}}'),
    opacity: fraction.default(0.8),
    strike: z.boolean().default(true),
  }),
  /** Padding and radius in em of the price. */
  background: textBackground,
  shadow: shadow.optional(),
});

export const logoTemplateSchema = z.strictObject({
  /** Largest size, fractions of the frame's shorter side. */
  maxWidth: fraction.default(0.2),
  maxHeight: fraction.default(0.09),
  /** Offset from the safe area's top-right corner, fractions of the safe area. */
  x: fraction.default(0),
  y: fraction.default(0),
  opacity: fraction.default(1),
});

const textItem = z.strictObject({ text: localizedText, ...textStyleFields, maxLines: textStyleFields.maxLines.default(3) });

const layer = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fill'), color, opacity: fraction.default(1) }),
  z.strictObject({
    type: z.literal('gradient'),
    box: box.optional(),
    from: color,
    to: color,
    direction: z.enum(['down', 'up', 'right', 'left']).default('down'),
  }),
  z.strictObject({
    type: z.literal('rect'),
    box,
    color,
    opacity: fraction.default(1),
    /** Corner radius, fraction of the frame's shorter side. */
    radius: fraction.default(0),
  }),
  z.strictObject({
    type: z.literal('image'),
    /** Path relative to the template file. */
    src: z.string().min(1),
    box,
    fit: z.enum(['contain', 'cover']).default('contain'),
    /** Where a `contain`ed image sits in its box. */
    align: align.default('center'),
    valign: z.enum(['top', 'middle', 'bottom']).default('middle'),
    opacity: fraction.default(1),
  }),
  z.strictObject({
    type: z.literal('logo'),
    box,
    align: align.default('center'),
    valign: z.enum(['top', 'middle', 'bottom']).default('middle'),
    opacity: fraction.default(1),
  }),
  z.strictObject({
    type: z.literal('badge'),
    /** Top-left corner of the badge, fractions of `in`. */
    x: fraction.default(0),
    y: fraction.default(0),
    in: area.default('safe'),
    scale: z.number().min(0.2).max(5).default(1),
  }),
  z.strictObject({
    type: z.literal('text'),
    box,
    valign: z.enum(['top', 'middle', 'bottom']).default('middle'),
    /** Space between items, fraction of the frame's shorter side. */
    gap: fraction.default(0.02),
    /** Smallest scale the items shrink to while keeping their maxLines. */
    minScale: z.number().min(0.1).max(1).default(0.5),
    items: z.array(textItem).min(1),
  }),
]);

export const layeredTemplateSchema = z.strictObject({
  /** Colour under every layer (cards are always opaque). */
  background: color.default('#000000'),
  layers: z.array(layer),
});

export type CaptionStyle = z.infer<typeof captionStyleSchema>;
export type BadgeTemplate = z.infer<typeof badgeTemplateSchema>;
export type LogoTemplate = z.infer<typeof logoTemplateSchema>;
export type LayeredTemplate = z.infer<typeof layeredTemplateSchema>;
export type TemplateLayer = LayeredTemplate['layers'][number];
export type TextItem = z.infer<typeof textItem>;
export type TextBackground = z.infer<typeof textBackground>;
export type TextOutline = z.infer<typeof outline>;
export type TextShadow = z.infer<typeof shadow>;
export type TemplateBox = z.infer<typeof box>;
