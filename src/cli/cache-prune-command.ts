// `promo cache prune [--out dir] [--older-than 30d] [--max-size 2GiB] [--dry-run] [--json]`:
// removes the kept files of `.promo/` no artifact of the manifest uses and unused for the given
// age (default `cache.maxAge`), and, with a size, the least recently used beyond it.
import { resolve } from 'node:path';
import { pruneKeptCache } from '../render/kept-cache/prune-kept-cache.ts';
import { parseDuration } from '../time/parse-duration.ts';
import { formatSize } from '../util/format-size.ts';
import { parseSize } from '../util/parse-size.ts';
import { PromoError } from '../util/promo-error.ts';
import type { CliIo } from './cli-io.ts';
import { loadCliConfig } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';

export interface CachePruneCommandOptions {
  config?: string;
  out?: string;
  olderThan?: string;
  maxSize?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** Prunes and prints what went; returns the exit code. */
export async function cachePruneCommand(io: CliIo, options: CachePruneCommandOptions): Promise<number> {
  const config = await loadCliConfig(options.config);
  const outDir = options.out ? resolve(options.out) : config.out;
  const olderThan = options.olderThan === undefined ? config.cache.maxAge ?? 30 * 86400 : parseDuration(options.olderThan);
  if (olderThan === undefined) throw new PromoError('USAGE', `--older-than ${options.olderThan} is not a duration`, { hint: 'write it like 30d, 12h or 0 (every unused file)' });
  const maxBytes = options.maxSize === undefined ? undefined : parseSize(options.maxSize);
  if (options.maxSize !== undefined && maxBytes === undefined) throw new PromoError('USAGE', `--max-size ${options.maxSize} is not a size`, { hint: 'write it like 5GiB, 500MB or 2G' });
  const result = await pruneKeptCache(outDir, { olderThanMs: olderThan * 1000, maxBytes, dryRun: options.dryRun });
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ out: outDir, dryRun: Boolean(options.dryRun), ...result }, null, 2)}\n`);
    return EXIT.ok;
  }
  const verb = options.dryRun ? 'would remove' : 'removed';
  for (const entry of result.removed) io.stdout.write(`${verb} ${entry.path} (${formatSize(entry.bytes)}, last used ${new Date(entry.mtimeMs).toISOString()})\n`);
  io.stdout.write(`${verb} ${result.removed.length} file${result.removed.length === 1 ? '' : 's'}, ${formatSize(result.freedBytes)} ${options.dryRun ? 'to free' : 'freed'}; ${result.keptCount} kept (${formatSize(result.keptBytes)})\n`);
  if (result.busy.length > 0) io.stderr.write(`note: a promo is working in ${outDir} (${result.busy.join(', ')}): its images, covers and segments were left alone; prune again when it is done\n`);
  return EXIT.ok;
}
