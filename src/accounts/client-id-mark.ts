// A short fingerprint of the client id a service refused, kept on the account (ClientRefused.mark)
// instead of the value: whoever reads it later (promo status, the daemon) can tell whether
// config.yaml still gives that value without the credentials file keeping a copy of the config.
import { createHash } from 'node:crypto';

/** The fingerprint of a client id setting's value (anything not a string marks as the empty one). */
export function clientIdMark(value: unknown): string {
  return createHash('sha256').update(typeof value === 'string' ? value : '').digest('hex').slice(0, 16);
}
