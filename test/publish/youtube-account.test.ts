// Connecting a YouTube account with the kind's real OAuth profile against the fake YouTube (the
// test plays the browser): Google's parameters (PKCE S256 and the client secret, offline access,
// consent), the channel named by channels.list, and a post sent with the stored tokens.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectByBrowser } from '../helpers/connect-by-browser.ts';
import { createTokenProvider } from '../../src/accounts/create-token-provider.ts';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { YOUTUBE_OAUTH } from '../../src/channels/youtube-kind.ts';
import { createYoutubeChannel } from '../../src/publish/youtube-channel.ts';
import { startFakeYoutube, type FakeYoutube } from '../helpers/fake-youtube-server.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { makeContext, makeMediaFolder, makePost } from './publish-test-helpers.ts';

let fake: FakeYoutube | undefined;
afterEach(async () => { await fake?.close(); fake = undefined; });

describe('YouTube account', () => {
  it('connects with Google\'s installed-app parameters, names the channel, and posts with the stored tokens', async () => {
    fake = await startFakeYoutube({ requireAuthorizeParams: { access_type: 'offline', prompt: 'consent' } });
    const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
    const { entry, authorizeUrl, listenerStatus } = await connectByBrowser({ config: fake.config(), profile: YOUTUBE_OAUTH, credentials });
    expect(listenerStatus).toBe(200);
    const asked = authorizeUrl.searchParams;
    expect(asked.get('scope')).toBe('https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly');
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(fake.oauth.tokenCalls).toEqual([{ grant: 'authorization_code', ok: true }]);
    expect(entry).toMatchObject({ kind: 'youtube', accountId: 'UCfakeChannel0000000000', accountName: 'Tea Shop Live' });
    expect(entry.tokens.refreshToken).toMatch(/^rt-/);

    const provider = createTokenProvider({ config: fake.config(), profile: YOUTUBE_OAUTH, credentials });
    const media = await makeMediaFolder();
    const base = makeContext({ timeoutMs: 10_000 });
    const result = await createYoutubeChannel(fake.config()).send(makePost({ title: 'Tea night', video: await media.video() }), { ...base, accessToken: (o) => provider(o, base) });
    expect(result.remoteId).toBe(fake.videos[0]!.id);
  });
});
