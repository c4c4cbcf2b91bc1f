// A connected YouTube account against the fake (the real credentials file and token provider),
// and send contexts whose checkpoints are kept, as publishing keeps them.
import { join } from 'node:path';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { createTokenProvider } from '../../src/accounts/create-token-provider.ts';
import { YOUTUBE_OAUTH } from '../../src/channels/youtube-kind.ts';
import type { SendContext } from '../../src/publish/channel-types.ts';
import type { FakeYoutube } from '../helpers/fake-youtube-server.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { makeContext } from './publish-test-helpers.ts';

export interface ConnectedYoutube {
  credentialsPath: string;
  /** A send context at `now` with the account's tokens and the saved progress (`saved`, updated by checkpoints). */
  context(now?: Date, overrides?: Partial<SendContext>): SendContext;
  saved: Record<string, unknown>;
  /** Every progress checkpointed, in order. */
  checkpoints: Record<string, unknown>[];
}

/** The fake's channel, with an account connected as `promo accounts connect` would store it. */
export async function connectYoutube(fake: FakeYoutube): Promise<ConnectedYoutube> {
  const credentialsPath = join(makeTempDir('promo-youtube-'), 'credentials.json');
  const credentials = new CredentialsFile(credentialsPath);
  const issued = fake.oauth.grant();
  await credentials.update((accounts) => {
    accounts.shorts = {
      kind: 'youtube', scopes: issued.scope.split(' '),
      tokens: { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: new Date(Date.now() + 3600_000).toISOString() },
    };
  });
  const provider = createTokenProvider({ config: fake.config(), profile: YOUTUBE_OAUTH, credentials });
  const connected: ConnectedYoutube = {
    credentialsPath,
    saved: {},
    checkpoints: [],
    context: (now, overrides = {}) => {
      const base = makeContext({ timeoutMs: 10_000, ...(now ? { now: () => now } : {}) });
      return {
        ...base,
        progress: { ...connected.saved },
        checkpoint: async (progress) => {
          connected.saved = { ...progress };
          connected.checkpoints.push({ ...progress });
        },
        accessToken: (options) => provider(options, base),
        ...overrides,
      };
    },
  };
  return connected;
}
