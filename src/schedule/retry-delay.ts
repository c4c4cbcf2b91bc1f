// How long a post waits before its send is tried again after a retryable error.

/** Seconds before attempt `attempt` (2, 3, …): the service's Retry-After, or 15 s doubling to 10 min, ±20 %. */
export function retryDelay(attempt: number, retryAfter: number | undefined, random: () => number): number {
  if (retryAfter !== undefined && retryAfter > 0) return retryAfter;
  const base = Math.min(600, 15 * 2 ** Math.max(0, attempt - 2));
  return base * (0.8 + 0.4 * random());
}
