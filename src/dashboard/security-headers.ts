// Headers on every response: a strict Content-Security-Policy (scripts only with this response's
// nonce, which the dashboard's own /assets scripts carry; nothing from another origin; no framing),
// no MIME sniffing, no Referer to other sites (same-origin: with no-referrer, Chromium sends
// `Origin: null` on the page's own form posts), no caching of pages.
import type { ServerResponse } from 'node:http';

/** Sets the security headers on `res` for a response with script nonce `nonce`. */
export function setSecurityHeaders(res: ServerResponse, nonce: string): void {
  res.setHeader('content-security-policy', [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // Style attributes stay forbidden: classes, /assets/dashboard.css, or a <style nonce>.
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "media-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; '));
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('cache-control', 'no-store');
}
