// A worker process for the crash tests: takes the oldest queued job of an inbox from the state
// database, says so on stdout, and hangs until it is killed. Usage: hang-on-next-job.ts <state> <inbox>
import { LocalJobRunner } from '../../src/queue/local-job-runner.ts';

const [state, inbox] = process.argv.slice(2);
const runner = LocalJobRunner.open(state!, { inboxes: [inbox!], concurrency: 1 });
runner.start(async (job) => {
  process.stdout.write(`running ${job.id}\n`);
  return new Promise(() => {}); // never ends: the test kills this process mid-job
});
