// A QR code as inline SVG markup, drawn on the server (no script, no image request), for the
// outbox page: a phone's camera opens the post's phone page from the desktop screen.
import QRCode from 'qrcode';
import { SafeHtml } from './safe-html.ts';

/** The QR code of `text` (a same-dashboard URL) as an <svg> element labelled `label`. */
export async function renderQrSvg(text: string, label: string): Promise<SafeHtml> {
  // The library builds the SVG from module positions only: no part of `text` is in the markup.
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const escaped = label.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return SafeHtml.raw(svg.replace('<svg ', `<svg role="img" aria-label="${escaped}" class="qr" `));
}
