// A resumable send's progress: what earlier attempts saved, and a save that persists each step
// (through SendContext.checkpoint) before the step it enables is taken.
import type { SendContext } from './channel-types.ts';
import { scopedError, type SendScope } from './send-scope.ts';

export interface ProgressKeeper<P extends object> {
  /** What is saved so far (earlier attempts' and this one's). */
  readonly saved: Readonly<Partial<P>>;
  /** Adds `patch` to the progress (undefined values remove their keys) and waits until it is durable. */
  save(patch: Partial<P>): Promise<void>;
}

/** The progress of this send; a caller that cannot persist it is refused (a crash could post twice). */
export function progressKeeper<P extends object>(context: SendContext, scope: SendScope): ProgressKeeper<P> {
  const checkpoint = context.checkpoint;
  if (!checkpoint) throw scopedError(scope, 'this channel publishes in steps and needs a caller that saves its progress (the scheduler does)', { retryable: false });
  let saved = { ...(context.progress ?? {}) } as Partial<P>;
  return {
    get saved() { return saved; },
    async save(patch) {
      // A key saved as undefined is removed (a step to take again), as JSON would drop it anyway.
      saved = Object.fromEntries(Object.entries({ ...saved, ...patch }).filter(([, value]) => value !== undefined)) as Partial<P>;
      await checkpoint.call(context, { ...saved } as Record<string, unknown>);
    },
  };
}
