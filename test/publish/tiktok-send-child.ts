// A process that sends one TikTok post and checkpoints its progress to a file (atomically, as the
// state database would), for the kill -9 tests: node bin/run-ts.js test/publish/tiktok-send-child.ts <api> <token> <video> <progress.json>
import { writeAtomic } from '../../src/util/write-atomic.ts';
import { createTiktokChannel } from '../../src/publish/tiktok-channel.ts';

const [api, token, video, progressFile] = process.argv.slice(2) as [string, string, string, string];
const driver = createTiktokChannel({ name: 'tiktok-shop', type: 'tiktok', clientKey: 'awtestkey', clientSecret: 'tt-client-secret-77', privacy: 'PUBLIC_TO_EVERYONE', api });
await driver.send(
  { key: 'post-tea-tiktok', text: 'Tonight 8 pm #tea', video, due: new Date('2026-05-01T11:00:00Z'), stream: { title: 'Tea night' } },
  {
    now: () => new Date(), signal: new AbortController().signal, timeoutMs: 30_000,
    checkpoint: (progress) => writeAtomic(progressFile, JSON.stringify(progress)),
    accessToken: async () => token,
  },
);
