// A BullMQ worker process for the Redis outage tests: runs every job by appending its id to
// <out>/<sku>.txt (so a job run twice shows), and says `ready` once it takes jobs. Stops on SIGTERM.
// Usage: run-bullmq-jobs.ts <redis-url> <prefix> <out>
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BullmqJobRunner } from '../../src/queue/bullmq-job-runner.ts';

const [url, prefix, out] = process.argv.slice(2);
const runner = new BullmqJobRunner({
  redis: { url: url!, shown: url! }, prefix: prefix!, inboxes: [], concurrency: 2, lockSeconds: 2,
  onError: (message) => process.stderr.write(`${message}\n`),
});
await runner.list({ limit: 1 });
runner.start(async (job) => {
  await appendFile(join(out!, `${job.sku}.txt`), `${job.id}\n`);
  return { state: 'done', outputs: [join(out!, `${job.sku}.txt`)] };
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => { void runner.stop().then(() => runner.close()).then(() => process.exit(0)); });
