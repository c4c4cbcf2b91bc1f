// The constants of the best-times method (README, Insights, lists them with their reasons).
export const BEST_TIMES = {
  /** Neighbours on each side whose median is a post's baseline (15-post window, as in the research). */
  neighbours: 7,
  /** Recency: a post's weight halves every this many weeks before the newest post. */
  halfLifeWeeks: 6,
  /** Shrinkage: a slot's score is Σw·r / (Σw + k), pulling thin slots toward the baseline. */
  shrinkage: 3,
  /** A slot needs this many posts to be ranked. */
  minSlotPosts: 3,
  /** Fewer scored posts than this and promo says how many more it needs. */
  minPosts: 20,
  /** Hour of week (168 slots) only from this many posts on. */
  hourOfWeekPosts: 400,
  /** A level is used when at least this many of its slots have minSlotPosts. */
  minSlots: 3,
  /** A metric is ranked by when this share of the posts carry it, or minPosts do; else views (likes without views). */
  metricShare: 0.8,
  /** Rates (completion, engagement) below this count as this: ln(rate) needs a floor for 0%. */
  rateFloor: 0.001,
  /** A slot is called better or worse than the baseline only past this many standard errors. */
  confidence: 3,
} as const;
