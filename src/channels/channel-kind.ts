// What one kind of channel is, apart from how it sends: its settings in config.yaml (a zod
// schema whose secret fields are marked with `secretField`), its service's limits with their
// sources, how messages name it, and a working example. The drivers that send live in publish/.
import { z } from 'zod';
import { nameOf } from '../yaml/schema-helpers.ts';
import type { OAuthProfile } from './oauth-profile.ts';

/** At most `messages` messages in any `seconds` seconds (a sliding window). */
export interface RateWindow {
  messages: number;
  seconds: number;
}

/** Minutes past the hour (UTC) at which sends are held for `holdSeconds`: the service is busiest then. */
export interface QuietMarks {
  minutes: readonly number[];
  holdSeconds: number;
}

export interface ChannelLimits {
  /** Most text per post, in `limitUnit` (with a video, where that differs: Telegram captions). */
  textLimit: number;
  limitUnit: 'chars' | 'bytes';
  /** Most text of a post without a video, where it differs (Telegram: sendMessage takes more than a caption). */
  messageTextLimit?: number;
  /** Most text of a markdown message, in `limitUnit`, where the channel has a `format: markdown`. */
  markdownTextLimit?: number;
  /** Largest video the channel attaches, bytes; absent: the channel never attaches videos. */
  maxVideoBytes?: number;
  /** Largest cover image the channel attaches, bytes. */
  maxCoverBytes?: number;
  /** Largest request body, bytes, where the service documents one. */
  maxBodyBytes?: number;
  /**
   * Messages the service takes per robot / webhook / chat; every window must allow a send.
   * Absent: no limit of the service's own (the receiver decides, or nothing is sent).
   */
  rate?: readonly RateWindow[];
  /** Sends that would leave just after these marks wait until the hold is over. */
  quietMarks?: QuietMarks;
  /** Video platforms: most characters of a title, and characters a title may not hold (YouTube: `<`, `>`). */
  titleLimit?: number;
  titleForbidden?: readonly string[];
  /** Video platforms: most characters of all tags together, and most hashtags in the text. */
  tagsLimit?: number;
  maxHashtags?: number;
  /** Video platforms: the durations (seconds) a video may have. */
  minVideoSeconds?: number;
  maxVideoSeconds?: number;
  source: string;
  /**
   * Figures the service's documentation does not give (Douyin's and Kuaishou's text limits):
   * promo's own, on the safe side, with why; shown with the problem at `promo schedule` so the
   * user knows the platform itself may take more. Every figure not named here is the documented one.
   */
  assumed?: Readonly<Partial<Record<'textLimit' | 'maxCoverBytes' | 'maxVideoBytes' | 'maxVideoSeconds', string>>>;
}

/** A channel kind as the registry holds it. */
export interface ChannelKind<T extends string = string, S extends z.ZodObject = z.ZodObject, L extends ChannelLimits = ChannelLimits> {
  readonly type: T;
  /** How messages name a channel of this kind, before its name: `WeCom robot "fans"`. */
  readonly label: string;
  /** The channel's settings as written in config.yaml, `type`, `preset` and `video` included. */
  readonly schema: S;
  readonly limits: L;
  /** Settings that validate (secrets as `${ENV}` references), without `type`: for docs and tests. */
  readonly example: Readonly<Record<string, string>>;
  /** Video platforms (posts need `video:`): how their accounts are connected. Absent for chat channels. */
  readonly oauth?: OAuthProfile;
}

// Every channel takes these, after its own fields.
const COMMON_FIELDS = {
  preset: nameOf('preset').meta({ description: "Which rendered preset's video goes with posts (default: the spec's first output)" }).optional(),
  video: z.boolean().default(true).meta({ description: 'Attach the video and cover where the channel takes them' }),
};

/** Builds a channel kind from its own fields: adds `type` before them and `preset`, `video` after. */
export function defineChannelKind<const T extends string, const F extends z.ZodRawShape, const L extends ChannelLimits>(kind: {
  type: T;
  label: string;
  fields: F;
  limits: L;
  example: Readonly<Record<string, string>>;
  oauth?: OAuthProfile;
}) {
  return {
    type: kind.type,
    label: kind.label,
    schema: z.strictObject({ type: z.literal(kind.type), ...kind.fields, ...COMMON_FIELDS }),
    limits: kind.limits,
    example: kind.example,
    ...(kind.oauth ? { oauth: kind.oauth } : {}),
  } satisfies ChannelKind;
}
