// Export CSVs come in whatever their platform's Excel wrote: UTF-8 with or without a BOM,
// UTF-16 (Instagram's account CSVs, with a BOM; some tools without), or GB18030/GBK (Chinese
// Windows Excel's "CSV"). A BOM decides; else UTF-16 is recognised by its zero bytes; else strict
// UTF-8, and text that is not valid UTF-8 is GB18030 (a superset of GBK and GB2312).
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

/** Decodes an export's bytes to text (without the BOM), saying which encoding it was in. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const zeros = zeroBytes(buffer.subarray(0, 4096));
  // ASCII in UTF-16 has a zero in every other byte; no text in the other encodings has any.
  if (zeros.odd > zeros.pairs * 0.3) return { text: iconv.decode(buffer, 'utf-16le'), encoding: 'utf-16le' };
  if (zeros.even > zeros.pairs * 0.3) return { text: iconv.decode(buffer, 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'gb18030'), encoding: 'gb18030' };
  }
}

function zeroBytes(head: Buffer): { odd: number; even: number; pairs: number } {
  let odd = 0;
  let even = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0) continue;
    if (i % 2 === 1) odd++;
    else even++;
  }
  return { odd, even, pairs: Math.floor(head.length / 2) };
}
