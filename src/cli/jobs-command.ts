// `promo jobs`: the files the watched inboxes are waiting for (not complete yet: why, since when,
// when they are given up), then the jobs, newest first, as the configured job runner lists them.
// It only reads: the state database is opened read-only, never created or migrated.
import { relative } from 'node:path';
import { createJobRunner } from '../queue/create-job-runner.ts';
import type { Job } from '../queue/job-runner.ts';
import { openStateDbReadonly } from '../store/open-state-db-readonly.ts';
import { WaitingFileStore, type WaitingFileView } from '../store/waiting-file-store.ts';
import type { CliIo } from './cli-io.ts';
import { loadCliConfig } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';
import { displayWidth, padDisplay } from '../util/display-width.ts';

/** Lists waiting files and jobs as tables or JSON (`{ waiting, jobs }`); returns the exit code. */
export async function jobsCommand(io: CliIo, options: { config?: string; json?: boolean; limit?: number }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const db = openStateDbReadonly(config.state);
  if (!db) {
    if (options.json) io.stdout.write(`${JSON.stringify({ waiting: [], jobs: [] }, null, 2)}\n`);
    else io.stderr.write(`no jobs yet (${config.state} does not exist; \`promo watch\` creates it)\n`);
    return EXIT.ok;
  }
  let jobs: Job[];
  let waiting: WaitingFileView[];
  try {
    // No workers: no inboxes and no `start`, so the runner only lists.
    const runner = createJobRunner(config, { inboxes: [], stateDb: db });
    try {
      jobs = await runner.list({ limit: options.limit ?? 200 });
    } finally {
      await runner.close();
    }
    waiting = new WaitingFileStore(db).list();
  } finally {
    db.close();
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ waiting, jobs }, null, 2)}\n`);
    return EXIT.ok;
  }
  const show = (path?: string) => (path ? relative(process.cwd(), path) || path : '-');
  const time = (iso?: string) => (iso ? iso.replace('T', ' ').slice(0, 19) : '-');
  if (waiting.length > 0) {
    io.stdout.write('waiting for files to become complete (times UTC):\n');
    writeTable(io, [['file', 'inbox', 'since', 'given up at', 'why'], ...waiting.map((w) => [
      w.fileName, show(w.inbox), time(w.since), w.watcherAlive ? time(w.giveUpAt) : '- (promo watch is not running)', w.reason,
    ])]);
    io.stdout.write('\n');
  }
  writeTable(io, [['id', 'file', 'sku', 'state', 'created', 'finished', 'outputs / error'], ...jobs.map((job) => [
    job.id,
    job.fileName,
    job.sku ?? '-',
    job.state,
    time(job.createdAt),
    time(job.finishedAt),
    job.error ?? (job.outputs.length > 0 ? job.outputs.map(show).join(', ') : show(job.footage)),
  ])]);
  return EXIT.ok;
}

/** Columns padded to their widest cell (the last one left as it is). */
function writeTable(io: CliIo, rows: string[][]): void {
  const widths = rows[0]!.slice(0, -1).map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c]!))));
  for (const row of rows) {
    io.stdout.write(`${row.map((cell, c) => (c < widths.length ? padDisplay(cell, widths[c]!) : cell)).join('  ')}\n`);
  }
}
