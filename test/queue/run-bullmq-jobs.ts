// A BullMQ worker process for the Redis outage tests: runs every job by appending its id to
// <out>/<sku>.txt (so a job run twice shows), and says `ready` once it takes jobs. Stops on SIGTERM.
// A job whose SKU starts with HOLD runs until <out>/<sku>.go exists, as a long render would: each
// attempt logs `start N`, `aborted N` (its lock lost: it stops) or `end N` to <out>/<sku>.log, and
// writes its output under a temp name of its own, renamed to <out>/<sku>.txt only at its end.
// Usage: run-bullmq-jobs.ts <redis-url> <prefix> <out>
import { access, appendFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BullmqJobRunner } from '../../src/queue/bullmq-job-runner.ts';
import type { Job, JobContext } from '../../src/queue/job-runner.ts';

const [url, prefix, out] = process.argv.slice(2);
const runner = new BullmqJobRunner({
  redis: { url: url!, shown: url! }, prefix: prefix!, inboxes: [], concurrency: 2, lockSeconds: 2,
  onError: (message) => process.stderr.write(`${message}\n`),
});
const attempts = new Map<string, number>();

async function hold(job: Job, { signal }: JobContext): Promise<string> {
  const sku = job.sku!;
  const attempt = (attempts.get(sku) ?? 0) + 1;
  attempts.set(sku, attempt);
  const log = (line: string) => appendFile(join(out!, `${sku}.log`), `${line} ${attempt}\n`);
  await log('start');
  const temp = join(out!, `${sku}.txt.${attempt}.tmp`);
  await writeFile(temp, `${job.id} attempt ${attempt}\n`);
  while (!(await access(join(out!, `${sku}.go`)).then(() => true, () => false))) {
    if (signal.aborted) {
      await log('aborted');
      throw new Error(`attempt ${attempt} stopped: ${String(signal.reason ?? 'aborted')}`);
    }
    await sleep(50);
  }
  await rename(temp, join(out!, `${sku}.txt`));
  await log('end');
  return join(out!, `${sku}.txt`);
}

await runner.list({ limit: 1 });
runner.start(async (job, context) => {
  if (job.sku!.startsWith('HOLD')) return { state: 'done', outputs: [await hold(job, context)] };
  await appendFile(join(out!, `${job.sku}.txt`), `${job.id}\n`);
  return { state: 'done', outputs: [join(out!, `${job.sku}.txt`)] };
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => { void runner.stop().then(() => runner.close()).then(() => process.exit(0)); });
