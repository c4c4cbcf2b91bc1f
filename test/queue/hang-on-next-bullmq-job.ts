// A BullMQ worker process for the crash tests: takes the oldest queued job, says so on stdout, and
// hangs until it is killed. Usage: hang-on-next-bullmq-job.ts <redis-url> <prefix> <inbox>
import { BullmqJobRunner } from '../../src/queue/bullmq-job-runner.ts';

const [url, prefix, inbox] = process.argv.slice(2);
const runner = new BullmqJobRunner({ redis: { url: url!, shown: url! }, prefix: prefix!, inboxes: [inbox!], concurrency: 1, lockSeconds: 2 });
runner.start(async (job) => {
  process.stdout.write(`running ${job.id}\n`);
  return new Promise(() => {}); // never ends: the test kills this process mid-job
});
