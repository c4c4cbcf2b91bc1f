// A process that sends one YouTube post, starting from the progress in a file and checkpointing
// to it (atomically, as the state database would), for the kill -9 tests. Prints the result as JSON:
// node bin/run-ts.js test/publish/youtube-send-child.ts <api> <token> <video> <progress.json> <chunk bytes>
import { existsSync, readFileSync } from 'node:fs';
import { createYoutubeChannel } from '../../src/publish/youtube-channel.ts';
import { writeAtomic } from '../../src/util/write-atomic.ts';

const [api, token, video, progressFile, chunk] = process.argv.slice(2) as [string, string, string, string, string];
const driver = createYoutubeChannel({ name: 'shorts', type: 'youtube', clientId: 'test-client-id', clientSecret: 'test-client-secret-9f3b', api }, { chunkBytes: Number(chunk) });
const progress = existsSync(progressFile) ? JSON.parse(readFileSync(progressFile, 'utf8')) as Record<string, unknown> : {};
const result = await driver.send(
  { key: 'post-tea-youtube', title: 'Tea night', text: 'Tonight 8 pm', video, due: new Date('2026-05-01T11:00:00Z'), stream: { title: 'Tea night' } },
  {
    now: () => new Date('2026-05-01T09:00:00Z'), signal: new AbortController().signal, timeoutMs: 30_000, progress,
    checkpoint: (next) => writeAtomic(progressFile, JSON.stringify(next)),
    accessToken: async () => token,
  },
);
process.stdout.write(JSON.stringify(result));
