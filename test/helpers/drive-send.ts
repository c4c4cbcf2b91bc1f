// Drives a resumable platform driver the way the scheduler does: progress saved by `checkpoint`
// is given back on the next call, `again: { at }` calls again at that time (a simulated clock,
// moved forward, never waited for), and a "crash" at a chosen checkpoint loses that save and
// ends the attempt, as a killed process would.
import type { ChannelDriver, OutgoingPost, SendContext, SendResult } from '../../src/publish/channel-types.ts';
import type { FakeOAuth } from './fake-oauth-server.ts';

export interface DriveState {
  /** What is durable: the last progress saved. */
  progress: Record<string, unknown>;
  /** Every save, in order. */
  saves: Record<string, unknown>[];
  /** The simulated clock (ms). */
  now: number;
  /** Calls of `send`, and the `again` answers among them. */
  sends: number;
  agains: { at: Date; reason: string }[];
  /** accessToken({ force: true }) calls. */
  forced: number;
}

export interface DriveOptions {
  oauth: FakeOAuth;
  /** Start of the simulated clock. */
  now: Date;
  /** Dies (throws, the save lost) at the first checkpoint for which this says true. */
  crashAt?: (progress: Record<string, unknown>) => boolean;
  /** The connected account's id (SendContext.accountId): Douyin's open_id. */
  accountId?: string;
  /** Most `send` calls (a driver that never finishes fails the test). Default 20. */
  maxSends?: number;
}

/** A fresh drive: no progress yet, the account connected (a token granted by the fake). */
export function newDrive(options: DriveOptions): DriveState & { run(driver: ChannelDriver, post: OutgoingPost): Promise<SendResult> } {
  let token = options.oauth.grant().accessToken;
  let crash = options.crashAt;
  const state: DriveState = { progress: {}, saves: [], now: options.now.getTime(), sends: 0, agains: [], forced: 0 };
  const context = (): SendContext => ({
    now: () => new Date(state.now),
    signal: new AbortController().signal,
    timeoutMs: 5000,
    progress: structuredClone(state.progress),
    async checkpoint(progress) {
      if (crash?.(progress)) {
        crash = undefined;
        throw new Error('simulated crash at a checkpoint');
      }
      state.progress = structuredClone(progress);
      state.saves.push(structuredClone(progress));
    },
    async accessToken(opts) {
      if (opts?.force) {
        state.forced++;
        token = options.oauth.grant().accessToken;
      }
      return token;
    },
    accountId: async () => options.accountId,
  });
  return Object.assign(state, {
    /** Calls send until it finishes (no `again`) or throws. */
    async run(driver: ChannelDriver, post: OutgoingPost): Promise<SendResult> {
      for (let i = 0; i < (options.maxSends ?? 20); i++) {
        state.sends++;
        const result = await driver.send(post, context());
        if (!result.again) return result;
        state.agains.push(result.again);
        state.now = Math.max(state.now, result.again.at.getTime());
      }
      throw new Error(`the driver did not finish in ${options.maxSends ?? 20} sends`);
    },
  });
}
