// A process that sends one post on an Instagram, Douyin or Kuaishou channel until it is done,
// starting from the progress in a file and checkpointing to it atomically (as the state database
// would), for the kill -9 tests; `again` is followed at once on a simulated clock. Prints the
// last result as JSON. Arguments: a JSON object { config, token, accountId?, post: { video, cover?, text, due }, now, progressFile }.
import { existsSync, readFileSync } from 'node:fs';
import type { ChannelConfig, ChannelDriver, SendResult } from '../../src/publish/channel-types.ts';
import { createDouyinChannel } from '../../src/publish/douyin-channel.ts';
import { createInstagramChannel } from '../../src/publish/instagram-channel.ts';
import { createKuaishouChannel } from '../../src/publish/kuaishou-channel.ts';
import { writeAtomic } from '../../src/util/write-atomic.ts';

interface ChildArguments {
  config: ChannelConfig;
  token: string;
  accountId?: string;
  post: { video: string; cover?: string; text: string; due: string };
  now: string;
  progressFile: string;
}

const args = JSON.parse(process.argv[2]!) as ChildArguments;
const config = args.config;
const driver: ChannelDriver = config.type === 'instagram' ? createInstagramChannel(config)
  : config.type === 'douyin' ? createDouyinChannel(config)
  : config.type === 'kuaishou' ? createKuaishouChannel(config)
  : (() => { throw new Error(`not a platform of this child: ${config.type}`); })();
let now = Date.parse(args.now);
let result: SendResult;
do {
  const progress = existsSync(args.progressFile) ? JSON.parse(readFileSync(args.progressFile, 'utf8')) as Record<string, unknown> : {};
  result = await driver.send(
    { key: `post-tea-${config.type}`, text: args.post.text, video: args.post.video, ...(args.post.cover ? { cover: args.post.cover } : {}), due: new Date(args.post.due), stream: { title: 'Tea night' } },
    {
      now: () => new Date(now), signal: new AbortController().signal, timeoutMs: 30_000, progress,
      checkpoint: (next) => writeAtomic(args.progressFile, JSON.stringify(next)),
      accessToken: async () => args.token,
      accountId: async () => args.accountId,
    },
  );
  if (result.again) now = Math.max(now, result.again.at.getTime());
} while (result.again);
process.stdout.write(JSON.stringify(result));
