// Keeps webhook keys, bot tokens and signing secrets out of every message promo prints or stores.
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

/** The values in a channel's config that must never be shown. */
export function secretsOf(config: ChannelConfig): string[] {
  const secrets: string[] = [];
  switch (config.type) {
    case 'folder':
      break;
    case 'wecom':
      secrets.push(...queryValues(config.url, ['key']));
      break;
    case 'dingtalk':
      secrets.push(...queryValues(config.url, ['access_token']));
      if (config.secret) secrets.push(config.secret);
      break;
    case 'feishu':
    case 'discord':
      // …/bot/v2/hook/<token>, …/api/webhooks/<id>/<token>: the last segment is the credential.
      secrets.push(...lastPathSegment(config.url));
      if (config.type === 'feishu' && config.secret) secrets.push(config.secret);
      break;
    case 'telegram':
      secrets.push(config.token);
      // `<bot id>:<secret part>`: the part after the colon alone must not show either.
      if (config.token.includes(':')) secrets.push(config.token.slice(config.token.indexOf(':') + 1));
      break;
    case 'webhook':
      secrets.push(config.secret);
      if (config.secret.startsWith('whsec_')) secrets.push(config.secret.slice('whsec_'.length));
      break;
  }
  // Any URL may carry credentials of its own (a receiver's ?token=…, user:password@, Slack- or
  // Zapier-style tokens in the path): hide query values and path segments that look like
  // tokens, and the user info.
  if ('url' in config) secrets.push(...urlCredentials(config.url));
  return [...new Set(secrets.filter((s) => s.length > 0))];
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function queryValues(url: string, names: readonly string[]): string[] {
  const parsed = parseUrl(url);
  if (!parsed) return [url];
  return names.flatMap((name) => parsed.searchParams.getAll(name));
}

function lastPathSegment(url: string): string[] {
  const parsed = parseUrl(url);
  // An unparseable URL is shown nowhere, but hide it whole in case it is echoed.
  if (!parsed) return [url];
  const segments = parsed.pathname.split('/').filter(Boolean);
  const last = segments.at(-1);
  return last ? [last, decodeURIComponentSafe(last)] : [];
}

// Query values and path segments (with a digit) of 16+ characters are treated as tokens; shorter
// ones (`wait=true`, `type=file`, `upload_media`) would only garble messages.
const TOKEN_LIKE_LENGTH = 16;

function urlCredentials(url: string): string[] {
  const parsed = parseUrl(url);
  if (!parsed) return [url];
  const found: string[] = [];
  if (parsed.username) found.push(decodeURIComponentSafe(parsed.username));
  if (parsed.password) found.push(decodeURIComponentSafe(parsed.password));
  for (const value of parsed.searchParams.values()) {
    if (value.length >= TOKEN_LIKE_LENGTH) found.push(value);
  }
  for (const segment of parsed.pathname.split('/')) {
    if (segment.length >= TOKEN_LIKE_LENGTH && /\d/.test(segment)) found.push(segment, decodeURIComponentSafe(segment));
  }
  return found;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
