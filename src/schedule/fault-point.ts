// Fault injection for the delivery tests: with PROMO_FAULT=<name> set, promo kills itself
// (SIGKILL, like a power cut) at that point of a send, so tests can prove nothing is sent twice.
// `<name>:<n>` dies the n-th time the point is reached (after-checkpoint:3: mid-upload, once the
// upload session and two chunks are saved). Unset in normal use: then this does nothing.

export type FaultPoint = 'after-mark-sending' | 'after-send' | 'after-checkpoint';

const reached = new Map<FaultPoint, number>();

/** Dies here when PROMO_FAULT names this point (and, with `:n`, this is its n-th time). */
export function faultPoint(name: FaultPoint): void {
  const fault = process.env.PROMO_FAULT;
  if (!fault?.startsWith(name)) return;
  const count = (reached.get(name) ?? 0) + 1;
  reached.set(name, count);
  if (fault === name || fault === `${name}:${count}`) process.kill(process.pid, 'SIGKILL');
}
