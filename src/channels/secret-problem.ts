// Why a secret setting's value may not stand in config.yaml, with what to write instead: a
// secret is either one `${VAR}` reference or, for webhook URLs, a URL whose credential-bearing
// parts are references. Messages name the part, never the value.
import { ENV_REF } from './substitute-env.ts';

const WHOLE_ENV_REF = new RegExp(`^${ENV_REF.source}$`);

/** Where a secret field's credential may sit when it is written as a URL, and an example. */
export interface SecretUrlRule {
  /** The credential is the last path segment (Feishu hook token, Discord webhook token). */
  tokenInPath?: boolean;
  /** Any receiver: a path segment that looks like a token (Slack's, Zapier's hooks) is one. */
  tokenLikePath?: boolean;
  /** Query parameters whose values are the credential whatever their length (WeCom `key`). */
  secretQuery?: readonly string[];
  /** A URL with its secret part as a reference, shown as what to write instead. */
  example: string;
}

/** Why `value` may not stand in the config as `what`, with what to write instead; undefined when it may. */
export function secretProblem(value: string, what: string, urlRule?: SecretUrlRule): string | undefined {
  if (WHOLE_ENV_REF.test(value)) return undefined;
  const env = envNameHint(what);
  const refuse = (problem: string, instead: string) =>
    `${what} must not be written in the config (it is a secret): ${problem}; ${instead}, set the variable where promo runs, and remove the value from this file`;
  const whole = `write it as an environment variable reference, exactly "\${${env}}"`;
  if (!urlRule) return refuse(value.includes('${') ? 'it is not one `${VAR}` reference alone' : 'it is written literally', whole);
  const literal = literalUrlParts(value, urlRule);
  const instead = `${whole} (the whole address in the variable), or keep the address and make only its secret parts references, as in "${urlRule.example}"`;
  if (literal === undefined) return refuse('it is neither a `${VAR}` reference nor a URL', instead);
  if (literal.length === 0) return undefined;
  const parts = literal.length === 1 ? literal[0]! : `${literal.slice(0, -1).join(', ')} and ${literal.at(-1)!}`;
  return refuse(`${parts} ${literal.length === 1 ? 'is' : 'are'} written literally`, instead);
}

/** The credential-bearing parts of a URL written literally (named, never quoted); undefined: not a URL. */
function literalUrlParts(value: string, rule: SecretUrlRule): string[] | undefined {
  // References become plain tokens a URL parser keeps as they are, in any part of the URL.
  let count = 0;
  const marked = value.replace(new RegExp(ENV_REF, 'g'), () => `promoenvref${count++}z`);
  const isRef = (part: string) => /^promoenvref\d+z$/.test(safeDecode(part));
  let url: URL;
  try {
    url = new URL(marked);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol)) return undefined;
  const literal: string[] = [];
  if (url.password && !isRef(url.password)) literal.push('the password in it');
  for (const [name, part] of url.searchParams) {
    if (isRef(part)) continue;
    // A name without a value may itself be the token: then it is not named either.
    literal.push(part && /^[A-Za-z][A-Za-z0-9_.-]{0,30}$/.test(name) ? `the value of \`${name}\` in its query` : 'a part of its query');
  }
  if (url.hash && !isRef(url.hash.slice(1))) literal.push('its #fragment');
  if (rule.tokenLikePath && url.pathname.split('/').some((segment) => !isRef(segment) && looksLikeToken(safeDecode(segment)))) {
    literal.push('a token-like part of its path');
  }
  if (rule.tokenInPath) {
    const last = url.pathname.split('/').filter(Boolean).pop();
    if (!last || !isRef(last)) literal.push('the token at the end of its path');
  }
  return literal;
}

// 16+ characters mixing letters and digits: `b7x9k2mq4p8r1t5w` (Zapier), Slack's last segment;
// not `hooks`, `promo-2026` or a numeric id.
function looksLikeToken(segment: string): boolean {
  return segment.length >= 16 && /[A-Za-z]/.test(segment) && /\d/.test(segment);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function envNameHint(what: string): string {
  return what.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}
