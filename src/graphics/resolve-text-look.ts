// Turns a template's text style (em-relative lengths, colours that may be placeholders) into a
// TextLook at a given font size in px.
import type { TextLook } from './draw-text.ts';
import { parseColor } from './parse-color.ts';
import type { TextBackground, TextOutline, TextShadow } from './template-schema.ts';

export interface TextStyleLike {
  weight: 'regular' | 'bold';
  lineHeight: number;
  align: 'left' | 'center' | 'right';
  color: string;
  opacity: number;
  outline?: TextOutline;
  shadow?: TextShadow;
  background?: TextBackground;
}

/** Resolves `style` at `size` px, colours from `vars` (brand.color, brand.contrast). */
export function resolveTextLook(style: TextStyleLike, size: number, vars: Readonly<Record<string, string>>): TextLook {
  const look: TextLook = {
    weight: style.weight,
    size,
    lineHeight: style.lineHeight,
    align: style.align,
    color: parseColor(style.color, vars, style.opacity),
  };
  if (style.outline && style.outline.width > 0) {
    look.outline = { color: parseColor(style.outline.color, vars), width: style.outline.width * size };
  }
  if (style.shadow) {
    look.shadow = {
      color: parseColor(style.shadow.color, vars, style.shadow.opacity),
      blur: style.shadow.blur * size,
      dx: style.shadow.offset[0] * size,
      dy: style.shadow.offset[1] * size,
    };
  }
  if (style.background) {
    look.background = {
      color: parseColor(style.background.color, vars, style.background.opacity),
      radius: style.background.radius * size,
      padX: style.background.padding[0] * size,
      padY: style.background.padding[1] * size,
    };
  }
  return look;
}
