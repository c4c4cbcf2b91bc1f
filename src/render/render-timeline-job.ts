// Renders one job (a product, or the reel of several products) into every preset it needs:
// draws the images, measures loudness, runs the one ffmpeg pass, checks the results, draws the
// covers and only then gives each file its final name.
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { planTimeLimit } from '../plan/plan-time-limit.ts';
import { planTimeline } from '../plan/plan-timeline.ts';
import type { AudioPlan } from '../plan/plan-types.ts';
import type { PresetDef } from '../presets/presets.ts';
import { hashStream } from '../cache/file-hasher.ts';
import { buildJobTimeline } from './build-job-timeline.ts';
import { drawPresetOutputs } from './draw-preset-outputs.ts';
import { drawProductCovers } from './draw-product-covers.ts';
import { drawReelCovers } from './draw-reel-covers.ts';
import { dryRunTimelineJob } from './dry-run-timeline-job.ts';
import { productCoverFrames } from './product-cover-frames.ts';
import { productCoverGrab } from './product-cover-grab.ts';
import { keepRenderedSegments } from './keep-rendered-segments.ts';
import { renderIncrementally } from './render-incrementally.ts';
import { measureLoudnessCorrection } from './measure-loudness-correction.ts';
import type { RenderContext } from './render-context.ts';
import type { ResolvedProduct } from './resolve-product-media.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import { verifyOutput } from './verify-output.ts';
import { tempPathFor } from '../util/temp-path.ts';

export interface TimelineJob {
  /** `TEA-001`, or `reel`. */
  name: string;
  products: ResolvedProduct[];
  presets: PresetDef[];
  /** Final paths of each preset's video and cover. */
  destination(preset: PresetDef): { video: string; cover: string };
  /** Whether the job is the reel (its cover is the intro card, not a frame of footage). */
  reel: boolean;
}

export interface JobArtifact {
  preset: string;
  kind: 'video' | 'cover';
  /** Absolute final path. */
  path: string;
  duration?: number;
  width: number;
  height: number;
  sha256: string;
  bytes: number;
}

export interface TimelineJobResult {
  artifacts: JobArtifact[];
  duration: number;
  /** Measured loudness before correction, for the summary. */
  loudness?: number;
  /** Why the output misses the loudness target, when it does (for the manifest's warnings). */
  warning?: string;
}

export interface JobProgress {
  /** 0..1 */
  (fraction: number, stage: string): void;
}

/** Renders a job; throws PromoError when it cannot (its temporary files are removed). */
export async function renderTimelineJob(ctx: RenderContext, job: TimelineJob, onProgress: JobProgress = () => {}): Promise<TimelineJobResult> {
  const temps: string[] = [];
  // Settles when the covers (drawn while the video encodes) are done either way: temp files are
  // removed only after that, so a failed encode never leaves a cover's temp file behind.
  let coversSettled: Promise<unknown> = Promise.resolve();
  // Likewise the images (drawn while loudness is measured): a failed measurement must not return
  // while sharp still writes into the work folder the batch is about to remove.
  let drawingSettled: Promise<unknown> = Promise.resolve();
  // And the segment cut for the next incremental render, which reads the temporary outputs.
  let keeping: Promise<void> = Promise.resolve();
  let keepingSettled: Promise<unknown> = Promise.resolve();
  const tempFor = async (final: string) => {
    await mkdir(dirname(final), { recursive: true });
    const name = tempPathFor(final);
    temps.push(name);
    return name;
  };
  try {
    onProgress(0, 'images');
    const jobDir = join(ctx.workDir, job.name);
    await mkdir(jobDir, { recursive: true });
    const items = buildJobTimeline(ctx, job);
    // A product's cover frames come out of the render's own decode when a clip holds the cover
    // time (a separate grab decodes from the last keyframe again: seconds on sparse-keyframe footage).
    const coverFrames = job.reel ? undefined : productCoverFrames(ctx.spec, job.products[0]!, job.presets, jobDir);
    const frameGrab = coverFrames && productCoverGrab(job.products[0]!, items, coverFrames.frames.map((f) => f.target));
    const drawing = drawPresetOutputs(ctx, job, jobDir, tempFor);
    drawingSettled = drawing.catch(() => undefined);
    const base: AudioPlan = { music: ctx.spec.music, limit: false };
    if (ctx.dryRun) return dryRunTimelineJob(ctx, job, items, await drawing, coverFrames, frameGrab);
    // The loudness pass (ffmpeg, audio only) runs while sharp draws the images.
    const [outputs, { measured, correction, warning }] = await Promise.all([
      drawing,
      measureLoudnessCorrection(ctx, job.name, items, base, job.presets[0]!.fps),
    ]);
    onProgress(0.08, 'encoding');
    // Covers need only the footage (or the intro card): drawn while the video encodes, or after
    // it when the render writes their frames. A whole render starts them once its ffmpeg is
    // spawned: sharp and the card's JavaScript drawing would otherwise delay the spawn (~0.1 s).
    const startCovers = () => {
      const pending = coverFrames ? drawProductCovers(ctx, job, coverFrames, tempFor) : drawReelCovers(ctx, job, jobDir, tempFor);
      coversSettled = pending.catch(() => undefined);
      return pending;
    };
    let coversPending = frameGrab || ctx.force ? undefined : startCovers();
    const audio: AudioPlan = { ...base, gainDb: correction.gainDb, limit: correction.limit };
    // Kept segments of an earlier render: only the items that changed are encoded (incremental).
    const plan = await renderIncrementally(ctx, job.name, items, outputs, audio, (f) => onProgress(0.08 + 0.84 * f, 'encoding'), coverFrames)
      ?? await renderWhole();
    async function renderWhole() {
      const whole = planTimeline({
        items,
        outputs,
        audio,
        encode: ctx.encode,
        capabilities: ctx.capabilities,
        transition: ctx.transition,
        keyframeAtSegments: true,
        frameGrab,
      });
      const encoding = runFfmpeg(whole.command, {
        ffmpeg: ctx.engine.ffmpeg,
        signal: ctx.signal,
        timeoutMs: planTimeLimit(whole.duration, job.presets, ctx.spec.quality, ctx.timeoutScale),
        stallMs: 120_000 * ctx.timeoutScale,
        onProgress: (seconds) => onProgress(0.08 + 0.84 * Math.min(1, seconds / whole.duration), 'encoding'),
      });
      if (!frameGrab) coversPending ??= startCovers();
      // The cut (stream copy) runs beside the checks and covers below, not before them, and its
      // keys are planned while the video encodes (~20 ms of CPU less after it); awaited before
      // the renames since it reads the temporary files.
      keeping = keepRenderedSegments(ctx, job.name, items, outputs, audio, coverFrames, encoding);
      keepingSettled = keeping.catch(() => undefined);
      await encoding;
      return whole;
    }
    coversPending ??= startCovers();

    onProgress(0.92, 'checking');
    const artifacts: JobArtifact[] = [];
    const commits: { temp: string; final: string }[] = [];
    // Each output's probe and hash run at once (the encode is over: nothing to compete with). An
    // incremental re-render has checked its outputs already (~0.1 s of CPU, 0.2 s of wall each).
    const checked = await Promise.all(outputs.map((output, p) => Promise.all([
      ('verified' in plan ? plan.verified[p] : undefined) ?? verifyOutput(output.target, {
        ffprobe: ctx.engine.ffprobe,
        signal: ctx.signal,
        width: output.preset.width,
        height: output.preset.height,
        fps: output.preset.fps,
        duration: plan.frames[p]! / output.preset.fps,
      }),
      fingerprint(output.target),
    ])));
    for (const [p, output] of outputs.entries()) {
      const [verified, print] = checked[p]!;
      const final = job.destination(output.preset).video;
      artifacts.push({ preset: output.preset.name, kind: 'video', path: final, ...verified, ...print });
      commits.push({ temp: output.target, final });
    }

    onProgress(0.95, 'covers');
    const covers = await coversPending;
    for (const cover of covers) {
      artifacts.push({ ...cover.artifact, ...(await fingerprint(cover.temp)) });
      commits.push({ temp: cover.temp, final: cover.artifact.path });
    }
    await keeping;
    // Every output is complete and checked: now they get their final names.
    for (const { temp, final } of commits) await rename(temp, final);
    onProgress(1, 'done');
    return {
      artifacts,
      duration: plan.duration,
      loudness: Number.isFinite(measured.integrated) ? measured.integrated : undefined,
      ...(warning ? { warning } : {}),
    };
  } finally {
    await Promise.all([coversSettled, drawingSettled, keepingSettled]);
    await Promise.all(temps.map((file) => rm(file, { force: true })));
  }
}

async function fingerprint(file: string): Promise<{ sha256: string; bytes: number }> {
  const [sha256, info] = await Promise.all([hashStream(file), stat(file)]);
  return { sha256, bytes: info.size };
}
