// What one publishing tick reports (its counts) and what it gets of a video-platform channel's
// connected account.
import type { TokenProvider } from '../accounts/create-token-provider.ts';

/** What a platform send gets from the channel's account (src/accounts/). */
export interface PostAccount {
  accessToken: TokenProvider;
  accountId(): Promise<string | undefined>;
  /** Records how a send with the account went (`promo accounts` shows the last one). */
  used?(outcome: { ok: boolean; error?: string }): Promise<void>;
}

export interface TickResult {
  sent: number;
  failed: number;
  missed: number;
  unknown: number;
  retrying: number;
  /** Sends in flight, called again later (`again`). */
  continuing: number;
}
