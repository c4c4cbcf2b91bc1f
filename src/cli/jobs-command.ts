// `promo jobs`: the files the watched inboxes are waiting for (not complete yet: why, since when,
// when they are given up), then the jobs, newest first, as the configured job runner lists them.
// It only reads, through the read model: the state database is never created, migrated or written.
import { relative } from 'node:path';
import { StateReader } from '../read/state-reader.ts';
import type { CliIo } from './cli-io.ts';
import { loadCliConfig } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';
import { formatTable } from './format-table.ts';

/** Lists waiting files and jobs as tables or JSON (`{ waiting, jobs }`); returns the exit code. */
export async function jobsCommand(io: CliIo, options: { config?: string; json?: boolean; limit?: number }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const reader = StateReader.open(config);
  let listed;
  try {
    listed = { waiting: reader.waiting(), jobs: await reader.jobs({ limit: options.limit ?? 200 }) };
  } finally {
    await reader.close();
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
    return EXIT.ok;
  }
  if (!reader.exists && config.queue.backend === 'local') {
    io.stderr.write(`no jobs yet (${config.state} does not exist; \`promo watch\` creates it)\n`);
    return EXIT.ok;
  }
  const { waiting, jobs } = listed;
  const show = (path?: string) => (path ? relative(process.cwd(), path) || path : '-');
  const time = (iso?: string) => (iso ? iso.replace('T', ' ').slice(0, 19) : '-');
  if (waiting.length > 0) {
    io.stdout.write('waiting for files to become complete (times UTC):\n');
    io.stdout.write(formatTable([['file', 'inbox', 'since', 'given up at', 'why'], ...waiting.map((w) => [
      w.fileName, show(w.inbox), time(w.since), w.watcherAlive ? time(w.giveUpAt) : '- (promo watch is not running)', w.reason,
    ])]));
    io.stdout.write('\n');
  }
  io.stdout.write(formatTable([['id', 'file', 'sku', 'state', 'created', 'finished', 'outputs / error'], ...jobs.map((job) => [
    job.id,
    job.fileName,
    job.sku ?? '-',
    job.state === 'running' ? `running${job.worker ? ` on ${job.worker}` : ''}${job.progress ? ` ${Math.floor(job.progress.fraction * 100)} % (${job.progress.what})` : ''}` : job.state,
    time(job.createdAt),
    time(job.finishedAt),
    job.error ?? (job.outputs.length > 0 ? job.outputs.map(show).join(', ') : show(job.footage)),
  ])]));
  return EXIT.ok;
}
