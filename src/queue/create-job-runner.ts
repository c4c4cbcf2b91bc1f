// The one place that chooses the job runner, from `queue.backend` in config.yaml. Every caller
// (`promo watch`, `promo worker`, `promo jobs`) gets a JobRunner from here and sees nothing else of the backend.
import type { PromoConfig } from '../config/config-types.ts';
import { JobStore } from './job-store.ts';
import type { StateDb } from '../store/open-state-db.ts';
import { BullmqJobRunner } from './bullmq-job-runner.ts';
import { redisTarget } from './bullmq/redis-target.ts';
import type { JobRunner, RunnerEvent } from './job-runner.ts';
import { LocalJobRunner } from './local-job-runner.ts';
import type { WorkerSlots } from './bullmq/worker-slots.ts';

export interface CreateJobRunnerOptions {
  /** Inboxes whose jobs this runner's workers take (the embedded runner shares one database between configs). */
  inboxes: readonly string[];
  /** Jobs run at once; default `render.concurrency`. */
  concurrency?: number;
  onEvent?: (event: RunnerEvent) => void;
  /** Queue connection errors that are retried (backend bullmq), for the log. */
  onError?: (message: string) => void;
  /** The embedded runner's state database, already open (e.g. read-only, for listing); its opener closes it. Default: open `config.state`. */
  stateDb?: StateDb;
  /** Backend bullmq: slots shared with the process's other BullMQ workers (`promo worker`), so `concurrency` counts them all. */
  slots?: WorkerSlots;
}

/** Opens the job runner `config.queue` names. */
export function createJobRunner(config: PromoConfig, options: CreateJobRunnerOptions): JobRunner {
  const { backend } = config.queue;
  switch (backend) {
    case 'local': {
      const local = { inboxes: options.inboxes, concurrency: options.concurrency ?? config.render.concurrency, onEvent: options.onEvent };
      return options.stateDb ? new LocalJobRunner({ ...local, store: new JobStore(options.stateDb) }) : LocalJobRunner.open(config.state, local);
    }
    case 'bullmq':
      return new BullmqJobRunner({
        redis: redisTarget(config.queue),
        prefix: config.queue.prefix ?? 'promo',
        inboxes: options.inboxes,
        concurrency: options.concurrency ?? config.render.concurrency,
        lockSeconds: config.queue.lock ?? 60,
        onEvent: options.onEvent,
        onError: options.onError,
        ...(options.slots ? { slots: options.slots } : {}),
      });
    default: {
      const never: never = backend;
      throw new Error(`unknown queue backend ${String(never)}`);
    }
  }
}
