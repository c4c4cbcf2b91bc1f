// Keeps webhook keys, bot tokens and signing secrets out of every message promo prints or stores.
import { channelKind } from '../channels/channel-registry.ts';
import { secretValuesOf } from '../channels/secret-values-of.ts';
import type { ChannelConfig } from './channel-types.ts';

/** Replaces every occurrence of each secret (raw or URL-encoded) in `text` with `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    // application/x-www-form-urlencoded (URLSearchParams) writes spaces as '+'.
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  }
  // Longest first, so a secret that contains another is replaced whole.
  let result = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    result = result.split(form).join('***');
  }
  return result;
}

/** The values in a channel's config that must never be shown: found through its kind's secret fields. */
export function secretsOf(config: ChannelConfig): string[] {
  return secretValuesOf(channelKind(config.type), config);
}
