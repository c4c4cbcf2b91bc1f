// The values in a channel's settings that must never be shown, found through its secret fields'
// rules: a field's whole value (and the parts its rule names), or for a URL its credential-bearing
// parts. Nothing here knows a channel type: a new field marked secret is covered by its mark.
import type { ChannelKind } from './channel-kind.ts';
import type { SecretRule } from './secret-field.ts';
import { secretFieldsOf } from './secret-fields-of.ts';

/** The secrets in `values` (a channel's settings, `${ENV}` references already replaced). */
export function secretValuesOf(kind: Pick<ChannelKind, 'schema'>, values: object): string[] {
  const secrets: string[] = [];
  for (const { field, rule } of secretFieldsOf(kind)) {
    const value = (values as Record<string, unknown>)[field];
    if (typeof value === 'string' && value) secrets.push(...secretsInValue(value, rule));
  }
  return [...new Set(secrets.filter((s) => s.length > 0))];
}

function secretsInValue(value: string, rule: SecretRule): string[] {
  if (!rule.url) return [value, ...(rule.parts?.(value) ?? [])];
  const parsed = parseUrl(value);
  // An unparseable URL is shown nowhere, but hide it whole in case it is echoed.
  if (!parsed) return [value];
  const found = (rule.url.secretQuery ?? []).flatMap((name) => parsed.searchParams.getAll(name));
  if (rule.url.tokenInPath) {
    // …/bot/v2/hook/<token>, …/api/webhooks/<id>/<token>: the last segment is the credential.
    const last = parsed.pathname.split('/').filter(Boolean).at(-1);
    if (last) found.push(last, decodeURIComponentSafe(last));
  }
  // Any URL may carry credentials of its own (a receiver's ?token=…, user:password@, Slack- or
  // Zapier-style tokens in the path): hide query values and path segments that look like
  // tokens, and the user info.
  return [...found, ...urlCredentials(parsed)];
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

// Query values and path segments (with a digit) of 16+ characters are treated as tokens; shorter
// ones (`wait=true`, `type=file`, `upload_media`) would only garble messages. A query value under
// a credential's name (`?token=abc`, `?api_key=…`) is one whatever its length.
const TOKEN_LIKE_LENGTH = 16;
const CREDENTIAL_NAME = /token|key|secret|sig|auth|pass|code|credential/i;

function urlCredentials(parsed: URL): string[] {
  const found: string[] = [];
  if (parsed.username) found.push(decodeURIComponentSafe(parsed.username));
  if (parsed.password) found.push(decodeURIComponentSafe(parsed.password));
  for (const [name, value] of parsed.searchParams) {
    if (value.length >= TOKEN_LIKE_LENGTH || CREDENTIAL_NAME.test(name)) found.push(value);
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
