// `promo cache [<spec>] [--out dir] [--json]`: what the output folder keeps in `.promo/`, per
// kind, and how much of it the manifest's artifacts (with a spec: that spec's) still use. Reads only.
import { relative, resolve } from 'node:path';
import { summarizeKeptCache } from '../render/kept-cache/summarize-kept-cache.ts';
import { formatSize } from '../util/format-size.ts';
import type { CliIo } from './cli-io.ts';
import { loadCliConfig, loadCliSpec } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';
import { formatTable } from './format-table.ts';

export interface CacheCommandOptions {
  config?: string;
  out?: string;
  json?: boolean;
}

/** Prints the summary; returns the exit code. */
export async function cacheCommand(io: CliIo, specFile: string | undefined, options: CacheCommandOptions): Promise<number> {
  const config = await loadCliConfig(options.config);
  const outDir = options.out ? resolve(options.out) : config.out;
  const spec = specFile === undefined ? undefined : await loadCliSpec(io, specFile, config);
  const summary = await summarizeKeptCache(outDir, spec ? { spec: relative(outDir, spec.file) } : {});
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ ...summary, limits: config.cache }, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = [['kind', 'files', 'size', 'used by outputs', 'least recently used']];
  for (const k of summary.kinds) {
    rows.push([k.kind, String(k.count), formatSize(k.bytes), `${k.usedCount} (${formatSize(k.usedBytes)})`, k.oldest ?? '']);
  }
  const t = summary.total;
  rows.push(['total', String(t.count), formatSize(t.bytes), `${t.usedCount} (${formatSize(t.usedBytes)})`, '']);
  io.stdout.write(`${summary.out}/.promo (${summary.artifacts} artifact${summary.artifacts === 1 ? '' : 's'} in the manifest${spec ? ` from ${specFile}` : ''})\n`);
  io.stdout.write(formatTable(rows));
  const limits = [
    config.cache.maxSize === undefined ? 'no size limit' : `maxSize ${formatSize(config.cache.maxSize)}`,
    config.cache.maxAge === undefined ? 'no age limit' : `maxAge ${config.cache.maxAge / 86400} days`,
  ];
  io.stdout.write(`automatic pruning after each render: ${limits.join(', ')}\n`);
  if (summary.busy.length > 0) io.stdout.write(`a promo is working in this folder now (${summary.busy.join(', ')})\n`);
  return EXIT.ok;
}
