// The daemon's log says which platform accounts need a person (not connected, a refused refresh,
// a token ending within a week), as `promo status` does: at start, then again once a day for as
// long as it lasts, so an account is not found stranded only when a post fails on it.
import type { PromoConfig } from '../config/config-types.ts';
import { readAccountAttention } from '../read/read-account-attention.ts';

const AGAIN_MS = 86_400_000;

/** Logs each account needing a person not logged in the last day (`logged`: line → when, kept by the caller). */
export async function logAccountAttention(config: PromoConfig, now: Date, log: (line: string) => void, logged = new Map<string, number>()): Promise<void> {
  const { needsPerson, unreadable } = await readAccountAttention(config, now);
  const lines = unreadable ? [`platform accounts: cannot tell: ${unreadable}`] : needsPerson.map((account) => `account ${account.channel} (${account.type}): ${account.problem}: ${account.message}`);
  for (const line of lines) {
    if (now.getTime() - (logged.get(line) ?? Number.NEGATIVE_INFINITY) < AGAIN_MS) continue;
    logged.set(line, now.getTime());
    log(line);
  }
}
