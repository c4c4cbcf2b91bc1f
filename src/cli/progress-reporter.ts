// What `promo render` shows while it works: progress bars on a terminal (one per running job and
// one overall, driven by ffmpeg's own progress), one line per finished job otherwise.
import cliProgress from 'cli-progress';
import type { JobSummary, PlannedJob, RenderEvents } from '../render/render-batch-types.ts';

export interface ProgressReporter extends RenderEvents {
  stop(): void;
}

/** Creates the reporter for this terminal: bars on a TTY, plain lines elsewhere, nothing for --json. */
export function createProgressReporter(stream: NodeJS.WriteStream, mode: 'auto' | 'quiet'): ProgressReporter {
  if (mode === 'quiet') return { stop() {} };
  return stream.isTTY ? barsReporter(stream) : linesReporter(stream);
}

function linesReporter(stream: NodeJS.WriteStream): ProgressReporter {
  let total = 0;
  let done = 0;
  return {
    onNotice: (text) => stream.write(`note: ${text}\n`),
    onPlan: (jobs) => {
      total = jobs.length;
    },
    onJobEnd: (summary) => {
      done += 1;
      stream.write(`[${done}/${total}] ${describeEnd(summary)}\n`);
    },
    stop() {},
  };
}

function barsReporter(stream: NodeJS.WriteStream): ProgressReporter {
  const multibar = new cliProgress.MultiBar({
    stream,
    format: ' {name} |{bar}| {percentage}% {stage}',
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    clearOnComplete: false,
    stopOnComplete: false,
    autopadding: true,
    fps: 8,
  }, cliProgress.Presets.shades_classic);
  let overall: cliProgress.SingleBar | undefined;
  const bars = new Map<string, cliProgress.SingleBar>();
  const fractions = new Map<string, number>();
  let planned: readonly PlannedJob[] = [];
  const updateOverall = () => {
    if (!overall) return;
    const sum = planned.reduce((acc, job) => acc + (fractions.get(job.name) ?? 0), 0);
    overall.update(Math.round((sum / Math.max(1, planned.length)) * 1000), { stage: `${[...fractions.values()].filter((f) => f >= 1).length}/${planned.length} jobs` });
  };
  return {
    onNotice: (text) => multibar.log(`note: ${text}\n`),
    onPlan: (jobs) => {
      planned = jobs;
      overall = multibar.create(1000, 0, { name: pad('all'), stage: '' });
    },
    onJobStart: (name) => {
      bars.set(name, multibar.create(1000, 0, { name: pad(name), stage: 'starting' }));
    },
    onJobProgress: (name, fraction, stage) => {
      bars.get(name)?.update(Math.round(fraction * 1000), { stage });
      fractions.set(name, fraction);
      updateOverall();
    },
    onJobEnd: (summary) => {
      fractions.set(summary.name, 1);
      const bar = bars.get(summary.name);
      if (bar) {
        bar.update(1000, { stage: summary.status });
        multibar.remove(bar);
        bars.delete(summary.name);
      }
      multibar.log(`${describeEnd(summary)}\n`);
      updateOverall();
    },
    stop() {
      multibar.stop();
    },
  };
}

function pad(name: string): string {
  return name.length > 14 ? `${name.slice(0, 13)}…` : name.padEnd(14);
}

/** One line about a finished job. */
export function describeEnd(summary: JobSummary): string {
  const presets = summary.presets.join(', ');
  switch (summary.status) {
    case 'rendered':
      return `✔ ${summary.name}: ${presets} rendered in ${(summary.seconds ?? 0).toFixed(1)} s (${(summary.duration ?? 0).toFixed(1)} s of video)`;
    case 'cached':
      return `✔ ${summary.name}: ${presets} unchanged, not rendered again`;
    case 'partial':
      return `⚠ ${summary.name}: ${presets} rendered in ${(summary.seconds ?? 0).toFixed(1)} s; ${summary.error?.message ?? ''}`;
    case 'planned':
      return `• ${summary.name}: ${presets} would be rendered (${(summary.duration ?? 0).toFixed(1)} s of video)`;
    case 'interrupted':
      return `■ ${summary.name}: interrupted`;
    case 'failed':
      return `✘ ${summary.name}: ${summary.error?.code ?? 'FAILED'} ${summary.error?.message ?? ''}`;
  }
}
