// Why best times are at the level they are, as data (kind and numbers), so each reader words it
// in its own language: the dashboard from its zh/en tables, the CLI as BestTimes.note.
export type BestTimesReason =
  /** Fewer scored posts than BEST_TIMES.minPosts: `more` are needed. */
  | { kind: 'too-few-posts'; posts: number; needed: number; more: number; followers: boolean }
  /** Enough posts, but fewer than `minSlots` slots have `minSlotPosts` posts each. */
  | { kind: 'too-few-slots'; posts: number; minSlots: number; minSlotPosts: number; followers: boolean }
  /** Ranked: `better` slots do clearly better than the account's baseline (0: none better or worse). */
  | { kind: 'ranked'; posts: number; better: number };
