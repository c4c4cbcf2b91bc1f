// Fault injection for the delivery tests: with PROMO_FAULT=<name> set, promo kills itself
// (SIGKILL, like a power cut) at that point of a send, so tests can prove nothing is sent twice.
// Unset in normal use: then this does nothing.

export type FaultPoint = 'after-mark-sending' | 'after-send';

/** Dies here when PROMO_FAULT names this point. */
export function faultPoint(name: FaultPoint): void {
  if (process.env.PROMO_FAULT === name) process.kill(process.pid, 'SIGKILL');
}
