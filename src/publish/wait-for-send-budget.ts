// Pacing: before a post is marked `sending`, wait until its channel's budget (channel-limits.ts)
// allows all of its messages, so a burst of posts due the same minute never runs into the
// service's rate limit (a WeCom post whose image or file message is refused is half posted).
// Never makes a send earlier; stops at once on the abort signal; gives up, sending nothing, when
// the wait would make the post later than it may be.
import { setTimeout as delay } from 'node:timers/promises';
import type { Channel, OutgoingPost } from './channel-types.ts';

export interface WaitForSendBudgetOptions {
  /** The real clock (rate limits are the services', in real time). */
  now: () => Date;
  signal: AbortSignal;
  /** Longest wait, ms, after which the post could still go out; a longer one is not started. */
  maxWaitMs: number;
  /** Sleeps `ms` or until `signal` aborts (rejecting then); tests pass a simulated one. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export type SendBudgetWait =
  /** Send now; `waitedMs` were spent waiting. */
  | { ok: true; waitedMs: number }
  /** Shut down while waiting: send nothing. */
  | { ok: false; stopped: true }
  /** The budget allows the send only in `waitMs`, past `maxWaitMs`: send nothing now. */
  | { ok: false; stopped: false; waitMs: number };

/** Waits until `channel` may send `post` (all of its messages). */
export async function waitForSendBudget(channel: Channel, post: Pick<OutgoingPost, 'video' | 'cover'>, options: WaitForSendBudgetOptions): Promise<SendBudgetWait> {
  const sleep = options.sleep ?? ((ms: number, signal: AbortSignal) => delay(ms, undefined, { signal }));
  const messages = channel.messagesFor(post);
  let waited = 0;
  // Asked again after each sleep: a timer may fire early by a millisecond, the clock may step.
  for (;;) {
    if (options.signal.aborted) return { ok: false, stopped: true };
    const wait = channel.budget.waitMs(messages, options.now().getTime());
    if (wait <= 0) return { ok: true, waitedMs: waited };
    if (waited + wait > options.maxWaitMs) return { ok: false, stopped: false, waitMs: wait };
    try {
      await sleep(wait, options.signal);
    } catch (error) {
      if (options.signal.aborted) return { ok: false, stopped: true };
      throw error;
    }
    waited += wait;
  }
}
