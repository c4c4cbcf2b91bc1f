// Fills a post's {{placeholders}} for one stream occurrence. Unknown names, and product names in
// a post without a product, are errors reported at scheduling time, not surprises at posting time.
import { formatPrice } from '../graphics/format-price.ts';
import { streamPlaceholders } from '../graphics/build-placeholders.ts';
import type { ProductSpec, StreamSpec } from '../promo-spec/spec-types.ts';
import { formatCountdown } from './format-countdown.ts';

export const POST_PLACEHOLDERS = [
  'stream.title', 'stream.host', 'stream.url', 'stream.date', 'stream.time', 'stream.datetime', 'stream.zone',
  'product.name', 'product.sku', 'product.price', 'product.originalPrice', 'currency', 'countdown',
] as const;

export interface PostTextInput {
  template: string;
  /** The stream as of this occurrence (its start is the occurrence). */
  stream: StreamSpec;
  product?: ProductSpec;
  currency: string;
  /** Seconds from the post to the stream start. */
  secondsBefore: number;
}

export type PostTextResult = { ok: true; text: string } | { ok: false; problems: string[] };

/** The final text, or the problems with the template. */
export function renderPostText(input: PostTextInput): PostTextResult {
  const product = input.product;
  const price = (value: number | undefined) => (value === undefined ? undefined : formatPrice(value, input.currency).amount);
  const values: Record<(typeof POST_PLACEHOLDERS)[number], string | undefined> = {
    ...streamPlaceholders(input.stream),
    'product.name': product?.name ?? product?.sku,
    'product.sku': product?.sku,
    'product.price': price(product?.price),
    'product.originalPrice': price(product?.originalPrice),
    currency: formatPrice(0, input.currency).symbol.trim(),
    countdown: formatCountdown(input.secondsBefore, input.stream.language),
  };
  const problems: string[] = [];
  // One pass: a value containing "{{…}}" stays literal.
  const text = input.template.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, name: string) => {
    if (!(POST_PLACEHOLDERS as readonly string[]).includes(name)) {
      problems.push(`{{${name}}} is not a placeholder; use one of ${POST_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`);
      return whole;
    }
    const value = values[name as (typeof POST_PLACEHOLDERS)[number]];
    if (value === undefined || value === '') {
      problems.push(name.startsWith('product.') && !product
        ? `{{${name}}} needs a product: give the post \`video: <SKU>\``
        : `{{${name}}} has no value here (the spec gives no ${name.replace('.', ' ')})`);
      return whole;
    }
    return value;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, text };
}
