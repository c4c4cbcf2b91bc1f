// The body of a dashboard form POST: urlencoded only, at most 64 KB; anything else is a USAGE
// PromoError, which the server answers with 409 and its message.
import type { IncomingMessage } from 'node:http';
import { PromoError } from '../util/promo-error.ts';

const MAX_BYTES = 64 * 1024;

/** The fields of a urlencoded POST body. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== '') {
    throw new PromoError('USAGE', `a form was expected (application/x-www-form-urlencoded), not ${type.slice(0, 60)}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BYTES) throw new PromoError('USAGE', `the form is larger than ${MAX_BYTES / 1024} KB`);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
