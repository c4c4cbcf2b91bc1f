// Turns a template colour ("#RGB", "#RRGGBB", "#RRGGBBAA" or a colour placeholder) into RGBA.
import { PromoError } from '../util/promo-error.ts';

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0..1 */
  a: number;
}

/** Parses a colour, replacing `{{name}}` from `vars` first; `opacity` multiplies its alpha. */
export function parseColor(value: string, vars: Readonly<Record<string, string>> = {}, opacity = 1): Rgba {
  const placeholder = /^\{\{\s*([A-Za-z.]+)\s*\}\}$/.exec(value);
  const hex = placeholder ? vars[placeholder[1] ?? ''] : value;
  const match = hex === undefined ? null : /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.exec(hex);
  if (!match || match[1] === undefined) {
    throw new PromoError('ASSET_INVALID', `not a colour: ${JSON.stringify(value)}${placeholder ? ` (= ${JSON.stringify(hex ?? '')})` : ''}`, {
      hint: 'use "#RRGGBB" or "#RRGGBBAA"',
    });
  }
  let digits = match[1];
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  const channel = (i: number) => parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  const alpha = digits.length === 8 ? channel(3) / 255 : 1;
  return { r: channel(0), g: channel(1), b: channel(2), a: alpha * opacity };
}
