// The daemon keeps refresh tokens that refreshing does not extend (Douyin's, 30 days) alive even
// when no post uses the account for weeks: each platform channel whose profile renews refresh
// tokens has its token renewed once it is due (refreshRenewalDue), under the credentials file's
// lock, the new token written before anything uses it. A refusal is kept on the account (promo
// status and promo accounts say to reconnect before the token ends); a refused client key is a
// config error (`clientRefused`, as promo status reads it), logged at each try, the renewal tried
// again; tokens never reach the log.
import type { ClientRefused, CredentialsFile } from '../accounts/credentials-file.ts';
import { describeClientRefused } from '../accounts/describe-client-refused.ts';
import { refreshRenewalDue } from '../accounts/refresh-renewal-due.ts';
import { renewRefreshToken, type RenewalOutcome } from '../accounts/renew-refresh-token.ts';
import type { PromoConfig } from '../config/config-types.ts';
import { resolvePlatformChannel } from './resolve-platform-channel.ts';

/** Renews every due refresh token of `config`'s platform channels as of the real clock `now`; returns each attempt's outcome by channel. */
export async function renewRefreshTokens(
  config: PromoConfig, credentials: CredentialsFile, log: (line: string) => void,
  options: { signal?: AbortSignal; now?: () => Date } = {},
): Promise<Record<string, RenewalOutcome>> {
  const now = options.now ?? (() => new Date());
  const outcomes: Record<string, RenewalOutcome> = {};
  for (const name of Object.keys(config.channels)) {
    const platform = resolvePlatformChannel(config, name);
    // A channel that cannot be resolved (a missing ${ENV}) is reported when its posts are sent.
    if (!platform.ok || !platform.profile.renewRefreshToken) continue;
    const stored = await credentials.get(name);
    if (!stored || stored.kind !== platform.config.type || !refreshRenewalDue(stored, platform.profile, now())) continue;
    // A stopping daemon starts no renewal (one under way finishes: see renewRefreshToken).
    if (options.signal?.aborted) break;
    const context = { now, signal: AbortSignal.timeout(config.posts.timeout * 1000), timeoutMs: config.posts.timeout * 1000 };
    const { outcome, until, refused, client } = await credentials.update(async (accounts): Promise<{ outcome: RenewalOutcome; until?: string; refused?: string; client?: ClientRefused }> => {
      // Read again under the lock: a send (or another process) may have renewed it meanwhile.
      const entry = accounts[name];
      if (!entry || entry.kind !== platform.config.type) return { outcome: 'not-due' };
      const renewal = await renewRefreshToken(entry, { profile: platform.profile, config: platform.config, context });
      return { ...renewal, until: entry.tokens.refreshExpiresAt, refused: entry.renewRefused, client: entry.clientRefused };
    });
    outcomes[name] = outcome;
    if (outcome === 'renewed') log(`account ${name} (${platform.config.type}): refresh token renewed${until ? `, good until ${until}` : ''}`);
    else if (outcome === 'refused') log(`account ${name} (${platform.config.type}): ${refused}: the refresh token works until ${until ?? 'it ends'}; run \`promo accounts connect ${name}\` before then`);
    else if (outcome === 'misconfigured' && client) {
      log(`account ${name} (${platform.config.type}): ${describeClientRefused({ channel: name, refused: client, definition: config.channels[name] })} (the refresh token is left as it was and renewed once that is fixed)`);
    }
    else if (outcome === 'unanswered') log(`account ${name} (${platform.config.type}): the service did not answer the refresh-token renewal; trying again later`);
  }
  return outcomes;
}
