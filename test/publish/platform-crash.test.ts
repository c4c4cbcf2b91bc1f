// kill -9 of a real process sending an Instagram post, mid-upload and after the last byte
// arrived (its answer never heard): the next process, from the checkpointed container, asks
// Instagram what it holds (bytes_transferred) and carries on, or goes straight to processing.
// One container, one Reel, the file's bytes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instagramKind } from '../../src/channels/instagram-kind.ts';
import { hashFile } from '../../src/publish/read-attachment.ts';
import { startFakeInstagram, type FakeInstagram } from '../helpers/fake-instagram-server.ts';
import { startFakeOAuth, type FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { makeMediaFolder, type MediaFolder } from './publish-test-helpers.ts';

const ACCOUNT = '17841400000000001';
const BYTES = 6_000_007;
const DUE = '2026-05-01T11:00:00.000Z';
let media: MediaFolder;
let oauth: FakeOAuth;
let ig: FakeInstagram;
beforeEach(async () => {
  media = await makeMediaFolder();
  const profile = instagramKind.oauth!;
  oauth = await startFakeOAuth({ authorizePath: profile.authorizePath, tokenPath: profile.tokenPath, pkce: 'none', issuesRefreshTokens: false, grantScopes: [...profile.scopes], scopeSeparator: ',' });
  ig = await startFakeInstagram({ oauth, accountId: ACCOUNT });
});
afterEach(async () => {
  await ig.close();
  await oauth.close();
});

function runChild(video: string, progressFile: string, token: string) {
  const args = {
    config: { name: 'shop-ig', type: 'instagram', appId: '1234567890123456', appSecret: 'app-secret', accountId: ACCOUNT, api: ig.url },
    token, post: { video, text: 'Tonight 8 pm #tea', due: DUE }, now: '2026-05-01T10:40:00.000Z', progressFile,
  };
  const child = spawnTracked(process.execPath, ['bin/run-ts.js', 'test/publish/platform-send-child.ts', JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (data: Buffer) => { out += data.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, out })));
  return { child, exited };
}

describe('Instagram send killed with SIGKILL', () => {
  it.each([
    ['mid-upload', 'bytes'],
    ['after the last byte, before its answer', 'final'],
  ] as const)('%s: the next process makes no second container or Reel', async (_when, at) => {
    const video = await media.video('tea.mp4', BYTES);
    const progressFile = join(media.dir, 'progress.json');
    const token = oauth.grant().accessToken;
    const first = runChild(video, progressFile, token);
    const kill = () => process.kill(first.child.pid!, 'SIGKILL');
    if (at === 'bytes') {
      let killed = false;
      ig.onBytes = (_container, received) => {
        if (!killed && received >= 2_500_000) {
          killed = true;
          kill();
        }
      };
    } else {
      ig.beforeUploadAnswer = async () => {
        kill();
        await first.exited;
      };
    }
    expect((await first.exited).signal).toBe('SIGKILL');
    ig.onBytes = undefined;
    ig.beforeUploadAnswer = undefined;
    const saved = JSON.parse(await readFile(progressFile, 'utf8')) as Record<string, unknown>;
    expect(saved).toEqual({ containerId: ig.containers[0]!.id, uploadUri: expect.stringContaining('/ig-api-upload/') });
    const held = ig.bytesOf(ig.containers[0]!);
    if (at === 'final') expect(held).toBe(BYTES);
    else expect(held).toBeLessThan(BYTES);

    const second = await runChild(video, progressFile, token).exited;
    expect(second.code).toBe(0);
    expect(ig.containers).toHaveLength(1);
    expect(ig.media).toHaveLength(1);
    expect(ig.media[0]!.sha256).toBe(await hashFile(video, 'sha256'));
    expect(JSON.parse(second.out)).toMatchObject({ remoteId: ig.media[0]!.id, url: ig.media[0]!.permalink });
    // The second process went on from what Instagram held (nothing again after the last byte).
    expect(ig.uploads.slice(1)).toEqual(at === 'final' ? [] : [{ offset: held, bytes: BYTES - held }]);
  });
});
