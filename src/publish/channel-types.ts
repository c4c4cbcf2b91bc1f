// What every announcement channel implements. A channel turns one outgoing post (text, and a
// video and cover where it takes them) into the requests its real service expects.
import type { ChannelConfig } from '../channels/channel-registry.ts';
import type { SendBudget } from './send-budget.ts';

// Derived from the channel registry (src/channels/channel-registry.ts): never written out here.
export type { ChannelConfig, ChannelConfigOf, ChannelType } from '../channels/channel-registry.ts';

export interface OutgoingPost {
  /** Stable id of this post on this channel; the same across retries (idempotency key). */
  key: string;
  /** The final text. */
  text: string;
  /** Absolute path of the video to attach, when the post has one. */
  video?: string;
  /** Absolute path of its cover (JPEG), when there is one. */
  cover?: string;
  /** Where the video can be watched on the web (`posts.mediaUrl` + its path), when configured:
   *  linked instead of attached where a channel cannot attach it. */
  videoUrl?: string;
  /** When the post was due (UTC), and the stream it announces. */
  due: Date;
  /** The due time as the spec gave it: `2026-11-30 20:00` in `zone` (the stream's time zone). */
  local?: { time: string; zone: string };
  stream: { title: string; start?: Date; url?: string };
  /** SKU or `reel`, when the post carries a video. */
  subject?: string;
  /** Video platforms: the post's title (where the platform has one) and tags, placeholders filled. */
  title?: string;
  tags?: readonly string[];
}

export interface SendContext {
  /** The real clock: signatures and timestamps always use it, never a simulated scheduler time. */
  now: () => Date;
  signal: AbortSignal;
  /** Per-request timeout, ms. */
  timeoutMs: number;
  /**
   * Video platforms (resumable drivers): what earlier attempts of this post saved with
   * `checkpoint` (upload session URL, publish id, bytes confirmed…); empty on the first attempt.
   */
  progress?: Readonly<Record<string, unknown>>;
  /** Saves the post's progress durably; a driver calls it before the step the progress enables. */
  checkpoint?(progress: Record<string, unknown>): Promise<void>;
  /** A valid access token of the channel's connected account; `force` refreshes it (after a 401). */
  accessToken?(options?: { force?: boolean }): Promise<string>;
  /**
   * The connected account's id as the service named it when it was connected (the stored
   * `accountId`: Douyin's `open_id`, which every Douyin video call must carry), when known.
   */
  accountId?(): Promise<string | undefined>;
}

export interface SendResult {
  /** What the service answered, short (for the posts table; never containing secrets). */
  detail: string;
  /** Video platforms: the platform's id of the posted video, and where it can be watched. */
  remoteId?: string;
  url?: string;
  /**
   * Not finished yet (processing to poll, or a publish to make at the due time): the progress is
   * checkpointed, and the post's send is called again, with that progress, at `at`. A poll says
   * `afterSeconds` too (its `at` is then the real clock plus that): the scheduler counts it from
   * its own clock (moved by --now), so a wait is a wait whatever the clock; `at` alone is a time.
   */
  again?: { at: Date; reason: string; afterSeconds?: number };
}

/** Why a send failed, and whether trying again can help. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly options: {
      /** 429, 5xx, timeouts, dropped connections: try again later. */
      retryable: boolean;
      /** Seconds the service asked to wait (Retry-After, retry_after). */
      retryAfter?: number;
      /** The credentials are wrong: never retry, say which setting to fix. */
      auth?: boolean;
      /** The request may have reached the service (a timeout after sending): a retry could post twice. */
      maybeDelivered?: boolean;
      /**
       * Part of the post is already in the chat (e.g. WeCom: the text went out, the video file
       * message then failed). Comes with `maybeDelivered: true` and `retryable: false`: resending
       * would repeat the part that was posted; the message says what is missing.
       */
      partial?: boolean;
      /**
       * The channel's account must be connected again (`promo accounts connect <channel>`): the
       * service refused its refresh token. Never retried; its other due posts fail the same way.
       */
      needsReconnect?: boolean;
      /** The send was stopped by `context.signal` (shutdown), not by the service or the network. */
      cancelled?: boolean;
    },
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

/**
 * What each service module writes: how it sends, whether its receiver recognises a repeated key,
 * and (when not 1) how many messages a post costs. createChannel adds the rest from the
 * channel's kind (limits, label, secrets).
 */
export interface ChannelDriver {
  readonly config: ChannelConfig;
  readonly idempotent: boolean;
  /**
   * Video platforms: an interrupted send is called again with its saved progress (the driver
   * asks the service what it has) instead of being marked unknown.
   */
  readonly resumable?: boolean;
  /** Seconds before the due time at which the send starts (YouTube uploads ahead with publishAt). */
  readonly leadSeconds?: number;
  /**
   * Progress keys holding capabilities (an upload session URL, an upload token): the scheduler
   * keeps them in the credentials file, never the state database, and hands them back in `progress`.
   */
  readonly secretProgress?: readonly string[];
  messagesFor?(post: Pick<OutgoingPost, 'video' | 'cover'>): number;
  send(post: OutgoingPost, context: SendContext): Promise<SendResult>;
}

export interface Channel {
  readonly config: ChannelConfig;
  /** Most characters (or UTF-8 bytes, see `limitUnit`) a post's text may have on this channel. */
  readonly textLimit: number;
  readonly limitUnit: 'chars' | 'bytes';
  /** Whether a repeated send with the same key is recognised by the receiver (never posted twice). */
  readonly idempotent: boolean;
  /** Video platforms: an interrupted send is called again with its saved progress (ChannelDriver.resumable). */
  readonly resumable: boolean;
  /** Seconds before the due time at which the send starts (ChannelDriver.leadSeconds; 0 for most). */
  readonly leadSeconds: number;
  /** Progress keys kept out of the state database (ChannelDriver.secretProgress; empty for most). */
  readonly secretProgress?: readonly string[];
  /** The service's rate limit for this channel and what was sent on it lately; publishDue waits on it. */
  readonly budget: SendBudget;
  /** Messages `post` costs against that limit, at most (WeCom: text, cover image and video file). */
  messagesFor(post: Pick<OutgoingPost, 'video' | 'cover'>): number;
  /** Sends one post; throws ChannelError. */
  send(post: OutgoingPost, context: SendContext): Promise<SendResult>;
}
