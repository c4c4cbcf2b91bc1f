// The one place that chooses the job runner, from `queue.backend` in config.yaml. Every caller
// (`promo watch`, `promo jobs`) gets a JobRunner from here and sees nothing else of the backend.
import type { PromoConfig } from '../config/config-types.ts';
import { JobStore } from './job-store.ts';
import type { StateDb } from '../store/open-state-db.ts';
import { PromoError } from '../util/promo-error.ts';
import type { JobRunner, RunnerEvent } from './job-runner.ts';
import { LocalJobRunner } from './local-job-runner.ts';

export interface CreateJobRunnerOptions {
  /** Inboxes whose jobs this runner's workers take (the embedded runner shares one database between configs). */
  inboxes: readonly string[];
  /** Jobs run at once; default `render.concurrency`. */
  concurrency?: number;
  onEvent?: (event: RunnerEvent) => void;
  /** The embedded runner's state database, already open (e.g. read-only, for listing); its opener closes it. Default: open `config.state`. */
  stateDb?: StateDb;
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
      throw new PromoError('CONFIG_INVALID', 'queue.backend: bullmq is not available yet: render workers on BullMQ and Redis come with issue 10', {
        location: config.queue.at,
        hint: 'set `queue: { backend: local }` (or remove `queue:`) to use the embedded runner on the state database',
      });
    default: {
      const never: never = backend;
      throw new Error(`unknown queue backend ${String(never)}`);
    }
  }
}
