// A TikTok channel pointed at the fake, and a caller that does what the scheduler does for a
// resumable driver: keeps the checkpointed progress, gives access tokens (forced: the fake's
// current one), and calls send again while the result says `again`.
import type { ChannelConfig, ChannelDriver, OutgoingPost, SendContext, SendResult } from '../../src/publish/channel-types.ts';
import { createTiktokChannel } from '../../src/publish/tiktok-channel.ts';
import type { FakeTiktok } from '../helpers/fake-tiktok-server.ts';
import { makeContext } from './publish-test-helpers.ts';

export type TiktokConfig = Extract<ChannelConfig, { type: 'tiktok' }>;

export function tiktokConfig(fake: Pick<FakeTiktok, 'url'>, overrides: Partial<TiktokConfig> = {}): TiktokConfig {
  return { name: 'tiktok-shop', type: 'tiktok', clientKey: 'awtestkey', clientSecret: 'tt-client-secret-77', privacy: 'PUBLIC_TO_EVERYONE', api: fake.url, ...overrides };
}

export interface TiktokCaller {
  driver: ChannelDriver;
  progress: Record<string, unknown>;
  /** Every checkpoint, with the number of upload PUTs the fake had seen when it was made. */
  checkpoints: { progress: Record<string, unknown>; uploadsBefore: number }[];
  /** accessToken calls with force. */
  forced: number;
  send(post: OutgoingPost, overrides?: Partial<SendContext>): Promise<SendResult>;
  /** send, again and again while the result says so (at most `most` times). */
  sendUntilDone(post: OutgoingPost, most?: number, overrides?: Partial<SendContext>): Promise<{ result: SendResult; sends: number }>;
}

/** A caller of the TikTok driver of `config`, whose token is `token()` (fake.token by default). */
export function tiktokCaller(fake: FakeTiktok, config: TiktokConfig, start: { progress?: Record<string, unknown>; token?: () => string } = {}): TiktokCaller {
  const token = start.token ?? (() => fake.token);
  let current = token();
  const caller: TiktokCaller = {
    driver: createTiktokChannel(config),
    progress: start.progress ?? {},
    checkpoints: [],
    forced: 0,
    send: (post, overrides = {}) => caller.driver.send(post, makeContext({
      progress: caller.progress,
      checkpoint: async (progress) => {
        caller.progress = progress;
        caller.checkpoints.push({ progress, uploadsBefore: fake.calls.upload });
      },
      accessToken: async (options) => {
        if (options?.force) {
          caller.forced += 1;
          current = token();
        }
        return current;
      },
      ...overrides,
    })),
    async sendUntilDone(post, most = 10, overrides = {}) {
      for (let sends = 1; sends <= most; sends++) {
        const result = await caller.send(post, overrides);
        if (!result.again) return { result, sends };
      }
      throw new Error(`still not done after ${most} sends`);
    },
  };
  return caller;
}
