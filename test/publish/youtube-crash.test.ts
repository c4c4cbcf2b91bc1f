// kill -9 of a real process sending a YouTube post, mid-upload and after the last byte arrived
// (its answer never heard): the next process, from the checkpointed session, asks the session
// what it has (`bytes */TOTAL`) and carries on, or takes the video the session already made.
// One session, one video, the file's bytes.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeYoutube, type FakeYoutube } from '../helpers/fake-youtube-server.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { makeMediaFolder, type MediaFolder } from './publish-test-helpers.ts';

const CHUNK = 256 * 1024;
const BYTES = 24 * CHUNK + 12_345;
let media: MediaFolder;
let fake: FakeYoutube;
beforeEach(async () => {
  media = await makeMediaFolder();
  fake = await startFakeYoutube();
});
afterEach(async () => { await fake.close(); });

function runChild(video: string, progressFile: string, token: string) {
  const child = spawnTracked(process.execPath, ['bin/run-ts.js', 'test/publish/youtube-send-child.ts', fake.url, token, video, progressFile, String(CHUNK)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (data: Buffer) => { out += data.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, out })));
  return { child, exited };
}

describe('YouTube send killed with SIGKILL', () => {
  it.each([
    ['mid-upload', 'bytes'],
    ['after the last byte, before its answer', 'final'],
  ] as const)('%s: the next process makes no second video', async (_when, at) => {
    const video = await media.video('tea.mp4', BYTES);
    const progressFile = join(media.dir, 'progress.json');
    const token = fake.oauth.grant().accessToken;
    const first = runChild(video, progressFile, token);
    const kill = () => process.kill(first.child.pid!, 'SIGKILL');
    if (at === 'bytes') {
      let killed = false;
      fake.onBytes = (_session, received) => {
        if (!killed && received >= 10 * CHUNK + 5000) {
          killed = true;
          kill();
        }
      };
    } else {
      fake.beforeFinalAnswer = async () => {
        kill();
        await first.exited;
      };
    }
    expect((await first.exited).signal).toBe('SIGKILL');
    fake.onBytes = undefined;
    fake.beforeFinalAnswer = undefined;
    const saved = JSON.parse(await readFile(progressFile, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ session: expect.stringContaining('upload_id='), bytes: BYTES });
    expect(saved).not.toHaveProperty('videoId');
    expect(fake.videos).toHaveLength(at === 'final' ? 1 : 0);

    const second = await runChild(video, progressFile, token).exited;
    expect(second.code).toBe(0);
    expect(fake.sessions.size).toBe(1);
    expect(fake.videos).toHaveLength(1);
    expect(fake.videos[0]!.sha256).toBe(createHash('sha256').update(await readFile(video)).digest('hex'));
    expect(JSON.parse(second.out)).toMatchObject({ remoteId: fake.videos[0]!.id });
    // The second process asked the session first, and the session answered what it had.
    const query = fake.log.find((line) => line.includes(`bytes */${BYTES}`));
    expect(query).toBe(`PUT /upload/youtube/v3/videos bytes */${BYTES} → ${at === 'final' ? 200 : 308}`);
    if (at === 'bytes') {
      // It went on from what the session had kept, not from byte 0.
      const next = fake.log[fake.log.indexOf(query!) + 1]!;
      expect(Number(/bytes (\d+)-/.exec(next)?.[1])).toBeGreaterThanOrEqual(10 * CHUNK);
    }
    expect(fake.rejections).toEqual([]);
  });
});
