// One YouTube upload by promo's driver, for the upload benchmark: prints how long the send took.
// node bin/run-ts.js bench/youtube-upload-child.ts <api> <token> <video>
import { createYoutubeChannel } from '../src/publish/youtube-channel.ts';

const [api, token, video] = process.argv.slice(2) as [string, string, string];
const driver = createYoutubeChannel({ name: 'bench', type: 'youtube', clientId: 'test-client-id', clientSecret: 'test-client-secret-9f3b', api, privacy: 'unlisted' });
const started = process.hrtime.bigint();
await driver.send(
  { key: 'bench', title: 'bench', text: 'bench', video, due: new Date(), stream: { title: 'bench' } },
  { now: () => new Date(), signal: new AbortController().signal, timeoutMs: 60_000, accessToken: async () => token },
);
process.stdout.write(JSON.stringify({ seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
