// The values of every template placeholder for one stream (and product); a missing value is an
// empty string, which makes a text item that uses it drop out.
import type { BrandSpec, ProductSpec, StreamSpec } from '../promo-spec/spec-types.ts';
import { contrastColor } from './contrast-color.ts';
import { formatPrice } from './format-price.ts';
import { formatStreamTime } from './format-stream-time.ts';
import type { TEXT_PLACEHOLDERS } from './template-schema.ts';

export type Placeholders = Record<(typeof TEXT_PLACEHOLDERS)[number], string>;

const CTA = { zh: '锁定直播间', en: 'Set a reminder' } as const;

/** The `stream.*` values, shared with post texts (an empty string where the spec gives none). */
export function streamPlaceholders(stream: StreamSpec): Record<`stream.${'title' | 'host' | 'date' | 'time' | 'datetime' | 'url' | 'zone'}`, string> {
  const time = formatStreamTime(stream);
  return {
    'stream.title': stream.title,
    'stream.host': stream.host ?? '',
    'stream.date': time?.date ?? '',
    'stream.time': time?.time ?? '',
    'stream.datetime': time?.datetime ?? '',
    'stream.url': stream.url ?? '',
    'stream.zone': time?.zone ?? '',
  };
}

/** Every placeholder's value; see templates/README.md. */
export function buildPlaceholders(options: {
  stream: StreamSpec;
  brand: BrandSpec;
  product?: ProductSpec;
  currency?: string;
}): Placeholders {
  const { stream, brand, product } = options;
  const currency = options.currency ?? '';
  const price = (value: number | undefined) => (value === undefined ? '' : formatPrice(value, currency).text);
  return {
    ...streamPlaceholders(stream),
    'product.name': product?.name ?? '',
    'product.sku': product?.sku ?? '',
    'product.price': price(product?.price),
    'product.originalPrice': product?.originalPrice !== undefined && product.price !== undefined && product.originalPrice > product.price
      ? price(product.originalPrice)
      : '',
    currency: currency === '' ? '' : formatPrice(0, currency).symbol.trim(),
    'brand.color': brand.color,
    'brand.contrast': contrastColor(brand.color),
    cta: CTA[stream.language],
  };
}
