// Formats a price the way promo shows it everywhere: whole amounts without decimals ("99"),
// others with exactly two ("99.50"), no thousands separators (live-commerce style "¥1299"),
// the currency as its symbol when the font has one, otherwise its code ("THB 99").

export interface FormattedPrice {
  /** "¥", "HK$", or a code followed by a space ("THB "). */
  symbol: string;
  /** "99", "99.50". */
  amount: string;
  /** symbol + amount. */
  text: string;
}

// Only symbols Noto Sans SC has glyphs for (₹, ₱, ฿ are missing: those currencies show their code).
const SYMBOLS: Readonly<Record<string, string>> = {
  CNY: '¥', RMB: '¥', JPY: '¥', USD: '$', EUR: '€', GBP: '£', KRW: '₩', HKD: 'HK$', TWD: 'NT$',
  MOP: 'MOP$', SGD: 'S$', AUD: 'A$', CAD: 'C$', NZD: 'NZ$', MYR: 'RM', IDR: 'Rp', VND: '₫',
};

/** Formats `price` in `currency` (an ISO code like "CNY", or a symbol used as given). */
export function formatPrice(price: number, currency: string): FormattedPrice {
  const cents = Math.round(price * 100);
  const whole = cents % 100 === 0;
  const amount = whole ? String(cents / 100) : (cents / 100).toFixed(2);
  const code = currency.trim().toUpperCase();
  const symbol = SYMBOLS[code] ?? (/^[A-Z]{3}$/.test(code) ? `${code} ` : currency.trim());
  return { symbol, amount, text: symbol + amount };
}
