// One tick of the scheduler: publish every pending post that is due, as of the scheduler's clock.
// A post is never sent early; one that is late goes out only within `grace` and before the
// stream starts, else it is marked missed. `sending` is committed before the request and `sent`
// right after, so a crash in between is never resent blindly: channels with an idempotency key
// are retried with the same key, the others are marked `unknown` for a person to confirm.
// Video platforms (resumable channels) go further: each step is checkpointed into the post's
// progress before it is taken, a send may answer `again` (the post stays in flight and is called
// again at that time, by this daemon or the next), and an interrupted one is called again with
// its progress, so the driver asks the service what it has instead of posting twice. The progress
// fields a driver declares secret (upload session URLs, upload tokens) go to the credentials file,
// never the state database, and are removed there when the post ends.
import type { PromoConfig } from '../config/config-types.ts';
import { CredentialsFile } from '../accounts/credentials-file.ts';
import { createUploadSecretStore, type UploadSecretStore } from '../accounts/upload-secret-store.ts';
import type { Channel } from '../publish/channel-types.ts';
import { ChannelError } from '../publish/channel-types.ts';
import { waitForSendBudget, type WaitForSendBudgetOptions } from '../publish/wait-for-send-budget.ts';
import type { PostRecord } from './post-record.ts';
import type { PostStore } from './post-store.ts';
import { faultPoint } from './fault-point.ts';
import { createSendContext } from './create-send-context.ts';
import { mediaLink } from './media-link.ts';
import { settleSendFailure } from './settle-send-failure.ts';
import type { PostAccount, TickResult } from './publish-due-types.ts';

export interface PublishDueOptions {
  store: PostStore;
  config: PromoConfig;
  /** The channel for a configured name, or why it cannot be used. */
  channel: (name: string) => { ok: true; channel: Channel; secrets: string[] } | { ok: false; problem: string };
  /** The scheduler's clock (moved by --now). */
  now: Date;
  /** The real clock, for what is sent and recorded. */
  realNow?: () => Date;
  owner: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Random source for retry jitter (tests pass a fixed one). */
  random?: () => number;
  /** How pacing sleeps until a channel's rate limit allows a send (tests pass a simulated one). */
  sleep?: WaitForSendBudgetOptions['sleep'];
  /** The connected account of a video-platform channel (undefined for chat channels). */
  account?: (name: string) => PostAccount | undefined;
  /** Where secret progress fields are kept (default: the credentials file beside `config.state`). */
  uploadSecrets?: UploadSecretStore;
}

// A send in flight (the platform has part of the post) is followed this long past its due time
// through retryable errors before promo gives up on it.
const IN_FLIGHT_RETRY_MS = 86_400_000;

/** Publishes what is due; returns what happened. */
export async function publishDue(options: PublishDueOptions): Promise<TickResult> {
  const { store, config, now } = options;
  const result: TickResult = { sent: 0, failed: 0, missed: 0, unknown: 0, retrying: 0, continuing: 0 };
  const log = options.log ?? (() => {});
  const realNow = options.realNow ?? (() => new Date());
  const uploadSecrets = options.uploadSecrets ?? createUploadSecretStore(CredentialsFile.forState(config.state));
  // Posts left pending because their channel's rate limit would make them too late this tick, or
  // because they were fetched for a lead another channel has (not due on their own channel yet).
  const paced = new Set<number>();
  const leadMs = 1000 * Math.max(0, ...Object.keys(config.channels).map((name) => {
    const made = options.channel(name);
    return made.ok ? made.channel.leadSeconds : 0;
  }));
  for (;;) {
    const due = store.due(now.getTime(), 50 + paced.size, leadMs).filter((post) => !paced.has(post.id));
    if (due.length === 0 || options.signal?.aborted) break;
    // Channels go side by side, each one's posts in due order: a channel waiting for its rate
    // limit (or a slow upload) does not hold up the others.
    const byChannel = new Map<string, PostRecord[]>();
    for (const post of due) {
      const posts = byChannel.get(post.channel);
      if (posts) posts.push(post);
      else byChannel.set(post.channel, [post]);
    }
    const outcomes = await Promise.allSettled([...byChannel.values()].map(async (posts) => {
      for (const post of posts) {
        if (options.signal?.aborted) break;
        await publishOne(post);
      }
    }));
    const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  }
  return result;

  async function publishOne(post: PostRecord): Promise<void> {
    const lateMs = now.getTime() - post.due.getTime();
    // A person's retry restarts the grace: it runs from the later of the due time and the retry.
    const from = Math.max(post.due.getTime(), post.retried?.getTime() ?? 0);
    // In flight: the platform already has part of the post (an upload session, a container):
    // it is followed to its end, never abandoned as missed (the driver knows the due time).
    const inFlight = post.state === 'sending' || Object.keys(post.progress).length > 0;
    const deadline = inFlight ? post.due.getTime() + IN_FLIGHT_RETRY_MS : Math.min(from + config.posts.grace * 1000, post.occurrence.getTime());
    if (!inFlight && (now.getTime() >= post.occurrence.getTime() || now.getTime() - from > config.posts.grace * 1000)) {
      const why = now.getTime() >= post.occurrence.getTime()
        ? 'the stream had already started'
        : `it was ${Math.round((now.getTime() - from) / 60000)} min late${from > post.due.getTime() ? ' after the retry' : ''}, more than the grace of ${Math.round(config.posts.grace / 60)} min`;
      store.settle(post.id, 'missed', `not sent: due ${post.local} (${post.zone}) and ${why}`);
      log(`post #${post.id} → ${post.channel}: missed (${why})`);
      result.missed += 1;
      return;
    }
    const resolved = options.channel(post.channel);
    if (!resolved.ok) {
      store.settle(post.id, 'failed', resolved.problem);
      log(`post #${post.id} → ${post.channel}: failed: ${resolved.problem}`);
      result.failed += 1;
      return;
    }
    const { channel } = resolved;
    // Channels that start ahead (YouTube uploads private with publishAt) are fetched `leadMs` early;
    // the others wait for their own due time.
    if (post.state === 'pending' && now.getTime() < post.due.getTime() - channel.leadSeconds * 1000) {
      paced.add(post.id);
      return;
    }
    // Polls of a send in flight are not new posts: they do not wait for (or use up) the rate limit.
    if (post.state === 'pending' && !(await paceSend(post, channel, deadline - now.getTime()))) return;
    if (!store.markSending(post.id, options.owner)) return;
    faultPoint('after-mark-sending');
    try {
      const answer = await channel.send({
        key: post.key,
        text: post.text,
        ...(post.title === undefined ? {} : { title: post.title }),
        ...(post.tags === undefined ? {} : { tags: post.tags }),
        video: post.video,
        cover: post.cover,
        videoUrl: post.video ? mediaLink(config, post.video) : undefined,
        due: post.due,
        local: { time: post.local, zone: post.zone },
        stream: { title: post.streamTitle, start: post.occurrence, url: post.streamUrl },
        subject: post.subject,
      }, await createSendContext(post, channel, {
        store, uploadSecrets, now: realNow, signal: options.signal ?? new AbortController().signal, timeoutMs: config.posts.timeout * 1000,
        account: options.account?.(post.channel), secrets: resolved.secrets,
      }));
      faultPoint('after-send');
      const remote = { id: answer.remoteId, url: answer.url };
      // After the answer is recorded (below), never before: bookkeeping cannot fail a post that went out.
      const recorded = () => options.account?.(post.channel)?.used?.({ ok: true }).catch(() => undefined);
      if (answer.again) {
        // Compared with the scheduler's clock, as due times are (the real one but under --now, where
        // each --once run then makes the next call: a poll, or a publish whose time has come). A
        // poll's wait counts from that clock too, so `--now T` then `--now T+wait` makes the next call.
        const { afterSeconds } = answer.again;
        const at = afterSeconds === undefined ? answer.again.at : new Date(now.getTime() + afterSeconds * 1000);
        store.continueLater(post.id, at, answer.again.reason, remote);
        log(`post #${post.id} → ${post.channel}: ${answer.again.reason}; continuing at ${at.toISOString()}`);
        result.continuing += 1;
        // Called once per tick at most: a driver answering `again` at once is not spun on.
        paced.add(post.id);
        await recorded();
        return;
      }
      const late = Math.max(0, lateMs / 1000);
      store.markSent(post.id, realNow().toISOString(), late, answer.detail, remote);
      await forgetSecrets(post, channel);
      log(`post #${post.id} → ${post.channel}: sent${late >= 60 ? ` (${Math.round(late / 60)} min late)` : ''}${answer.url ? ` ${answer.url}` : ''}`);
      result.sent += 1;
      await recorded();
    } catch (error) {
      settleSendFailure(post, channel, error, { store, result, log, now, random: options.random ?? Math.random, deadline });
      if (store.get(post.id)?.state !== 'pending') await forgetSecrets(post, channel);
      // A refused refresh has already been recorded by the token provider, with its reason.
      if (error instanceof ChannelError && !error.options.needsReconnect && !error.options.cancelled) {
        await options.account?.(post.channel)?.used?.({ ok: false, error: error.message }).catch(() => undefined);
      }
    }
  }

  /** Removes the secret progress of a post that ended (sent, failed, unknown); kept while it is retried or continued. */
  async function forgetSecrets(post: PostRecord, channel: Channel): Promise<void> {
    if (!channel.secretProgress?.length) return;
    // The post's outcome is recorded already: a credentials file that cannot be written now is only reported.
    await uploadSecrets.set(post.id, {}).catch((error: unknown) => log(`post #${post.id} → ${post.channel}: could not remove its upload secrets from the credentials file: ${(error as Error).message}`));
  }

  /** Waits until the channel's rate limit allows the post; false: not now (left pending). */
  async function paceSend(post: PostRecord, channel: Channel, maxWaitMs: number): Promise<boolean> {
    const signal = options.signal ?? new AbortController().signal;
    const wait = await waitForSendBudget(channel, post, { now: realNow, signal, maxWaitMs, sleep: options.sleep });
    if (wait.ok) {
      if (wait.waitedMs >= 1000) log(`post #${post.id} → ${post.channel}: waited ${Math.round(wait.waitedMs / 1000)} s for the channel's rate limit`);
      return true;
    }
    paced.add(post.id);
    if (!wait.stopped) log(`post #${post.id} → ${post.channel}: the channel's rate limit allows it only in ${Math.ceil(wait.waitMs / 1000)} s, past its grace or the stream start; left for a later tick`);
    return false;
  }
}
