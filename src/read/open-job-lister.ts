// The job runner's read side for a StateReader: the configured runner (createJobRunner) over the
// already open read-only state database, so listing jobs never opens the database for writing.
import type { PromoConfig } from '../config/config-types.ts';
import { createJobRunner } from '../queue/create-job-runner.ts';
import type { StateDb } from '../store/open-state-db.ts';
import type { JobLister } from './state-reader.ts';

/** The runner to list jobs with; undefined when there is no state database (so no jobs) yet. */
export function openJobLister(config: PromoConfig, db: StateDb | undefined): JobLister | undefined {
  // No workers: `inboxes` is empty and `start` is never called, so the runner only lists.
  // The BullMQ queue keeps its jobs in Redis, whether or not this machine has a state database.
  if (config.queue.backend === 'bullmq') return createJobRunner(config, { inboxes: [] });
  return db && createJobRunner(config, { inboxes: [], stateDb: db });
}
