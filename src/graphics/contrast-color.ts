// Picks near-black or white text for a background colour, so a light brand colour (yellow,
// pink) still gets readable text.

/**
 * `#FFFFFF` when white reaches 3:1 contrast (WCAG AA for large text, which all of promo's
 * texts on brand colours are), otherwise `#111111`.
 */
export function contrastColor(hex: string): string {
  const match = /^#?([0-9a-fA-F]{6})/.exec(hex.length === 4 ? `#${[...hex.slice(1)].map((d) => d + d).join('')}` : hex);
  if (!match || match[1] === undefined) return '#FFFFFF';
  const digits = match[1];
  const linear = (i: number) => {
    const c = parseInt(digits.slice(i * 2, i * 2 + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * linear(0) + 0.7152 * linear(1) + 0.0722 * linear(2);
  return 1.05 / (luminance + 0.05) >= 3 ? '#FFFFFF' : '#111111';
}
