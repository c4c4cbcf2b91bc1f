// `promo render <spec>`: renders the batch, shows progress, prints a summary and the exit code.
import { resolve } from 'node:path';
import { redisTarget } from '../queue/bullmq/redis-target.ts';
import { workersBatchResult } from '../queue/bullmq/workers-batch-result.ts';
import { renderBatch } from '../render/render-batch.ts';
import type { BatchResult } from '../render/render-batch-types.ts';
import { renderWithKeptCache } from '../render/kept-cache/render-with-kept-cache.ts';
import { createProgressReporter } from './progress-reporter.ts';
import { interruptSignal, type CliIo } from './cli-io.ts';
import { loadCliConfig, loadCliSpec } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';
import { formatSummaryTable } from './format-summary-table.ts';

export interface RenderCommandOptions {
  config?: string;
  out?: string;
  only?: string[];
  preset?: string[];
  dryRun?: boolean;
  force?: boolean;
  concurrency?: number;
  json?: boolean;
}

/** Runs `promo render`; returns the exit code. */
export async function renderCommand(io: CliIo, specFile: string, options: RenderCommandOptions): Promise<number> {
  const config = await loadCliConfig(options.config);
  const spec = await loadCliSpec(io, specFile, config);
  const outDir = options.out ? resolve(options.out) : config.out;
  const interrupt = interruptSignal(io);
  const reporter = createProgressReporter(io.stderr, options.json ? 'quiet' : 'auto');
  let result: BatchResult;
  try {
    // With a BullMQ queue the workers render, and this machine runs no ffmpeg: the summary and
    // exit code come from the workers' outcomes, the manifest is the one they wrote.
    if (config.queue.backend === 'bullmq' && !options.dryRun) {
      const log = options.json ? () => {} : (line: string) => io.stderr.write(`${line}\n`);
      // Imported here: loading bullmq and ioredis costs a local render about half a second.
      const { renderOnWorkers } = await import('../queue/bullmq/render-on-workers.ts');
      const outcomes = await renderOnWorkers({
        redis: redisTarget(config.queue), prefix: config.queue.prefix ?? 'promo', spec, out: outDir,
        only: options.only, presets: options.preset, force: options.force, signal: interrupt.signal, log,
      });
      if (!outcomes) return EXIT.interrupted;
      result = await workersBatchResult(spec, outDir, outcomes);
    } else {
      // Then the output folder's kept files are pruned by `cache:` (least recently used first).
      const cacheRun = { outDir, limits: config.cache, dryRun: options.dryRun, onNotice: reporter.onNotice };
      result = await renderWithKeptCache(cacheRun, () => renderBatch({
        spec,
        config,
        outDir,
        only: options.only,
        presets: options.preset,
        force: options.force,
        concurrency: options.concurrency,
        dryRun: options.dryRun,
        signal: interrupt.signal,
        events: {
          ...reporter,
          onDryRun: (name, label, command) => io.stdout.write(`# ${name}: ${label}\n${command}\n\n`),
        },
      }));
    }
  } finally {
    reporter.stop();
    interrupt.dispose();
  }
  const failed = result.jobs.filter((j) => j.status === 'failed' || j.status === 'partial');
  if (options.json) {
    io.stdout.write(`${JSON.stringify({
      out: outDir,
      manifest: result.manifestPath,
      interrupted: result.interrupted,
      jobs: result.jobs.map((j) => ({ name: j.name, status: j.status, presets: j.presets, seconds: j.seconds, error: j.error && { code: j.error.code, message: j.error.describe(process.cwd()) } })),
      artifacts: result.manifest.artifacts,
      failures: result.manifest.failures,
      warnings: result.manifest.warnings,
    }, null, 2)}\n`);
  } else if (!options.dryRun) {
    io.stderr.write(`\n${formatSummaryTable(result.jobs)}\n`);
    for (const job of failed) io.stderr.write(`✘ ${job.name}: ${job.error?.describe(process.cwd()) ?? 'failed'}\n`);
    for (const warning of result.manifest.warnings) io.stderr.write(`warning: ${warning}\n`);
    if (result.manifestPath) io.stderr.write(`manifest: ${result.manifestPath}\n`);
  }
  if (result.interrupted) return EXIT.interrupted;
  return failed.length > 0 ? EXIT.someFailed : EXIT.ok;
}
