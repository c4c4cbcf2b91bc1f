// kill -9 of a process sending a TikTok post, after init (the first chunk on its way) and after
// the last chunk arrived (its answer never heard): the next send, from the checkpointed progress,
// asks status/fetch instead of calling init again. One video, the file's bytes, one init.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTiktok, type FakeTiktok } from '../helpers/fake-tiktok-server.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';
import { tiktokCaller, tiktokConfig } from './tiktok-test-helpers.ts';

const MB = 1_000_000;
let media: MediaFolder;
let fake: FakeTiktok;
beforeEach(async () => {
  media = await makeMediaFolder();
  fake = await startFakeTiktok({ processingPolls: 1 });
});
afterEach(async () => { await fake.close(); });

// Starts the child, waits for the fake to hold the scripted upload, kills the child with SIGKILL.
async function sendAndKill(video: string, progressFile: string): Promise<Record<string, unknown>> {
  const child = spawnTracked(process.execPath, ['bin/run-ts.js', 'test/publish/tiktok-send-child.ts', fake.url, fake.token, video, progressFile], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await fake.hung();
  process.kill(child.pid!, 'SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(existsSync(progressFile), 'the child checkpointed before uploading').toBe(true);
  return JSON.parse(await readFile(progressFile, 'utf8')) as Record<string, unknown>;
}

describe('TikTok send killed with SIGKILL', () => {
  it.each([
    ['after init, while the first chunk is on its way', ['hang'], 0],
    ['after the last chunk arrived, before its answer', ['ok', 'hang-after'], 10 * MB],
  ] as const)('%s: the next send makes no second video', async (_when, script, savedBytes) => {
    const video = await media.video('tea.mp4', 25 * MB);
    fake.script('upload', ...script);
    const saved = await sendAndKill(video, join(media.dir, 'progress.json'));
    expect(saved).toMatchObject({ uploadedBytes: savedBytes, videoSize: 25 * MB });
    expect(fake.calls.init).toBe(1);

    const caller = tiktokCaller(fake, tiktokConfig(fake), { progress: saved });
    const { result } = await caller.sendUntilDone(makePost({ video, text: 'Tonight 8 pm #tea' }));
    expect(result.remoteId).toBe('7300000000000000001');
    expect(fake.calls.init).toBe(1);
    expect(fake.videos).toEqual([expect.objectContaining({ bytes: 25 * MB, sha256: createHash('sha256').update(await readFile(video)).digest('hex') })]);
    expect(fake.rejections).toEqual([]);
  });
});
