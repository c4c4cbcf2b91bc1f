// `promo jobs`: the jobs in the state database, newest first.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { JobStore } from '../store/job-store.ts';
import { openStateDb } from '../store/open-state-db.ts';
import type { CliIo } from './cli-io.ts';
import { loadCliConfig } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';
import { displayWidth, padDisplay } from '../util/display-width.ts';

/** Lists jobs as a table or JSON; returns the exit code. */
export async function jobsCommand(io: CliIo, options: { config?: string; json?: boolean; limit?: number }): Promise<number> {
  const config = await loadCliConfig(options.config);
  if (!existsSync(config.state)) {
    if (options.json) io.stdout.write('[]\n');
    else io.stderr.write(`no jobs yet (${config.state} does not exist; \`promo watch\` creates it)\n`);
    return EXIT.ok;
  }
  const db = openStateDb(config.state);
  try {
    const jobs = new JobStore(db).list(options.limit ?? 200);
    if (options.json) {
      io.stdout.write(`${JSON.stringify(jobs, null, 2)}\n`);
      return EXIT.ok;
    }
    const show = (path?: string) => (path ? relative(process.cwd(), path) || path : '-');
    const rows = [['id', 'file', 'sku', 'state', 'created', 'finished', 'outputs / error']];
    for (const job of jobs) {
      rows.push([
        String(job.id),
        job.fileName,
        job.sku ?? '-',
        job.state,
        job.createdAt.replace('T', ' ').slice(0, 19),
        job.finishedAt ? job.finishedAt.replace('T', ' ').slice(0, 19) : '-',
        job.error ?? (job.outputs.length > 0 ? job.outputs.map(show).join(', ') : show(job.workPath)),
      ]);
    }
    const widths = rows[0]!.slice(0, -1).map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c]!))));
    for (const row of rows) {
      io.stdout.write(`${row.map((cell, c) => (c < widths.length ? padDisplay(cell, widths[c]!) : cell)).join('  ')}\n`);
    }
    return EXIT.ok;
  } finally {
    db.close();
  }
}
