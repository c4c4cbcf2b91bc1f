// A channel's message budget: the service's rate windows and quiet marks (channel-limits.ts) and
// the messages this process sent on the channel lately. Bookkeeping only: every time is passed
// in, nothing here reads a clock or sleeps (waitForSendBudget does the waiting).
import type { ChannelLimits, QuietMarks, RateWindow } from './channel-limits.ts';

// Services count in whole seconds, and a send is stamped when its answer arrives (after every
// message of it reached the service): a message is counted one second longer than its window so
// rounding on their side never makes a send early.
const SAFETY_MS = 1000;
const HOUR_MS = 3_600_000;

export class SendBudget {
  readonly windows: readonly RateWindow[];
  readonly quietMarks: QuietMarks | undefined;
  /** When each recent message was sent, ms since the epoch, ascending. */
  #sent: number[] = [];

  constructor(limits: ChannelLimits) {
    this.windows = limits.rate ?? [];
    this.quietMarks = limits.quietMarks;
  }

  /** Milliseconds from `nowMs` until a send of `messages` messages may leave (0: now). */
  waitMs(messages: number, nowMs: number): number {
    // A clock stepped back must not stretch a wait beyond one window: no stamp is in the future.
    const sent = this.#sent.map((at) => Math.min(at, nowMs));
    let at = nowMs;
    for (const window of this.windows) {
      const span = window.seconds * 1000 + SAFETY_MS;
      // A post costing more than a whole window still goes once the window is empty.
      const cost = Math.min(Math.max(1, messages), window.messages);
      const counted = sent.filter((stamp) => stamp + span > nowMs);
      const excess = counted.length + cost - window.messages;
      // The oldest `excess` messages must leave the window first.
      if (excess > 0) at = Math.max(at, counted[excess - 1]! + span);
    }
    return afterQuietMarks(at, this.quietMarks) - nowMs;
  }

  /** Records `messages` messages sent at `atMs`. */
  record(messages: number, atMs: number): void {
    for (let i = 0; i < messages; i++) this.#sent.push(atMs);
    this.#sent.sort((a, b) => a - b);
    const longest = Math.max(0, ...this.windows.map((window) => window.seconds * 1000 + SAFETY_MS));
    this.#sent = this.#sent.filter((stamp) => stamp + longest > atMs);
  }
}

/** `atMs`, or the end of the hold when it falls within one (marks are UTC minutes past the hour). */
export function afterQuietMarks(atMs: number, marks: QuietMarks | undefined): number {
  if (!marks) return atMs;
  const intoHour = ((atMs % HOUR_MS) + HOUR_MS) % HOUR_MS;
  for (const minute of marks.minutes) {
    const start = minute * 60_000;
    const end = start + marks.holdSeconds * 1000;
    if (intoHour >= start && intoHour < end) return atMs + (end - intoHour);
  }
  return atMs;
}
