// The spec's `products`: each product's SKU, name, prices, footage and clips, and the checks across
// the list (SKUs unique case-insensitively, none that names a folder promo writes itself).
import { z } from 'zod';
import { localPath, nameOf, numberIn, textOf } from '../yaml/schema-helpers.ts';
import { asRecord } from './as-record.ts';
import { autoClipsForms } from './auto-clips-schema.ts';
import { clipSchema } from './clip-schema.ts';
import { fitSchema, focusSchema } from './fit-schema.ts';
import { always } from './refine-always.ts';
import { timeSchema } from './time-schema.ts';

const priceSchema = numberIn(0, 1e9);

const productSchema = z
  .strictObject({
    sku: nameOf('SKU').meta({ description: 'Product code; becomes a folder name, unique (case-insensitive)' }),
    name: textOf(200, { min: 1 }).meta({ description: 'Product name shown on the video' }).optional(),
    price: priceSchema.meta({ description: 'Price in `currency`' }).optional(),
    originalPrice: priceSchema.meta({ description: 'Crossed-out price, above price' }).optional(),
    footage: localPath('footage')
      .meta({ description: 'Video or still image (jpg/png/webp), relative to the spec; in a watched spec it may be left out (the file dropped into the inbox is the footage)' })
      .optional(),
    clips: z.union([
      z.array(clipSchema).min(1, { error: 'is empty; list at least one clip, e.g. `- { in: 0, out: 5 }`' }),
      ...autoClipsForms,
    ], { error: 'a list of clips (`- { in: 0, out: 5 }`), `auto`, or `{ auto: { count: 3, length: 4 } }`' })
      .meta({ description: 'The pieces of the footage to show, or auto: promo picks them (sharp, well lit, no dead air, no defects, cut in pauses); `promo suggest` shows which' }),
    fit: fitSchema.optional(),
    focus: focusSchema.optional(),
    cover: timeSchema('Frame of the footage used for the cover (default: middle of the first clip)').optional(),
  });

// Folders of the output folder that are not products: the reel's and the previews'.
const RESERVED_SKUS = new Set(['reel', 'preview']);

export const productsSchema = z
  .array(productSchema)
  .min(1, { error: 'is empty; list at least one product with sku, footage and clips' })
  .superRefine((products, ctx) => {
    if (!Array.isArray(products)) return;
    const seen = new Map<string, number>();
    products.forEach((product: unknown, index) => {
      const sku = asRecord(product)?.sku;
      if (typeof sku !== 'string') return;
      if (RESERVED_SKUS.has(sku.toLowerCase())) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'sku'],
          message: `SKU ${sku} is reserved: promo writes its ${sku.toLowerCase()} folder beside the products' folders; rename the product (e.g. ${sku}-1)`,
        });
        return;
      }
      const first = seen.get(sku.toLowerCase());
      if (first === undefined) seen.set(sku.toLowerCase(), index);
      else {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'sku'],
          message: `SKU ${sku} is used twice (also products[${first}], case-insensitively); SKUs name output folders, make each unique`,
        });
      }
    });
  }, always);
