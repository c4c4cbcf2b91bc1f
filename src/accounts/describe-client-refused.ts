// What to change when a service refused the app's own client id (ClientRefused): the one wording
// the daemon's log and `promo status` share. It names the channel setting (and the environment
// variable a `${VAR}` in it refers to), never a value: neither the key nor the client secret.
import { ENV_REF } from '../channels/substitute-env.ts';
import type { ClientRefused } from './credentials-file.ts';

export interface DescribeClientRefusedOptions {
  channel: string;
  refused: ClientRefused;
  /** The channel as config.yaml writes it (before any `${VAR}` is replaced), when known. */
  definition?: Record<string, unknown>;
  /** The config file's name as the reader should see it (default `config.yaml`). */
  configFile?: string;
}

/** `<what the service said>: the service refused the app's client key; fix `clientKey` of channel <c> in config.yaml` (`… or `clientSecret`` after a refused request that carried the secret). */
export function describeClientRefused(options: DescribeClientRefusedOptions): string {
  const { channel, refused } = options;
  const where = `of channel ${channel} in ${options.configFile ?? 'config.yaml'}`;
  // `clientKey` → "client key": the setting as the service's console names it.
  const words = (field: string) => field.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
  const value = options.definition?.[refused.field];
  const reference = typeof value === 'string' ? ENV_REF.exec(value)?.[1] : undefined;
  // A refused request that carried the secret too: either may be the wrong one.
  const secret = refused.secretField;
  const what = secret ? `${words(refused.field)} or ${words(secret)}` : words(refused.field);
  // Only secret settings take ${VAR}: a client id written as one is sent as that text.
  const fix = reference
    ? `\`${refused.field}\` ${where} is the text \${${reference}}, which promo does not replace (only secret settings take environment variables): write the app's ${words(refused.field)} itself there`
    : `fix \`${refused.field}\`${secret ? ` or \`${secret}\`` : ''} ${where}`;
  return `${refused.error}: the service refused the app's ${what}; ${fix}`;
}
