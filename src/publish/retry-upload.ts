// Sending upload bytes again after a dropped connection or a 5xx, a few times within one send:
// an upload shows nothing to anyone, so repeating it cannot post twice.
import { ChannelError } from './channel-types.ts';

/** `attempt`'s result, trying it up to `attempts` times while it fails retryably (not when cancelled or told to wait). */
export async function retryUpload<T>(attempt: () => Promise<T>, attempts = 3): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      // A service that says how long to wait is left to the scheduler's backoff.
      if (!(error instanceof ChannelError) || !error.options.retryable || error.options.cancelled || error.options.retryAfter !== undefined || tries >= attempts) throw error;
    }
  }
}
