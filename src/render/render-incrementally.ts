// The incremental re-render of a job: each output is its video segments (plan-segment-layout.ts:
// its items, or at a crossfade each item's middle and each overlap). Segments kept from earlier
// renders (by content key) are reused as they are; only the missing ones (those showing a clip
// whose caption or in/out changed) are encoded, each starting on a keyframe with the same x264
// settings; the segments are then joined by stream copy beside the output's whole audio: the
// kept one copied when its key is unchanged, else mixed and encoded in one go, so no AAC frame is
// ever cut or joined.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { planAudioCopy } from '../plan/plan-audio-copy.ts';
import { planConcatList } from '../plan/plan-concat-list.ts';
import { planSegmentJoin } from '../plan/plan-segment-join.ts';
import type { AudioPlan, PresetOutput, TimelineItem } from '../plan/plan-types.ts';
import { PromoError } from '../util/promo-error.ts';
import { planAudioKey } from './plan-audio-key.ts';
import { planSegmentKeys } from './plan-segment-keys.ts';
import { encodeMissingSegments } from './encode-missing-segments.ts';
import type { RenderContext } from './render-context.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import { KeptCoverFrames } from './kept-cover-frames.ts';
import type { ProductCoverFrames } from './product-cover-frames.ts';
import { SegmentStore } from './segment-store.ts';
import { verifyOutput, type VerifiedOutput } from './verify-output.ts';

export interface IncrementalResult {
  /** Frames per output, in output order. */
  frames: number[];
  /** Seconds (the first output's). */
  duration: number;
  /** How many segments were encoded, and how many reused. */
  encoded: number;
  reused: number;
  /**
   * Each output's check (verify-output.ts), in output order: made here so a bad join falls back to
   * a whole render, and reused by the caller instead of probing the same file a second time.
   */
  verified: VerifiedOutput[];
}

/**
 * Renders a job's outputs (to each output's `target`) from kept segments plus newly encoded ones;
 * undefined when it cannot help (--force, nothing kept yet) and the caller renders whole.
 */
export async function renderIncrementally(
  ctx: RenderContext,
  jobName: string,
  items: readonly TimelineItem[],
  outputs: readonly PresetOutput[],
  audio: AudioPlan,
  onProgress: (fraction: number) => void = () => {},
  /** A product's cover frames: taken from the kept ones, else grabbed beside the encode and kept. */
  cover?: ProductCoverFrames,
): Promise<IncrementalResult | undefined> {
  if (ctx.force) return undefined;
  const store = new SegmentStore(ctx.outDir);
  const [{ keys, segments }, audioKey] = await Promise.all([
    planSegmentKeys(ctx, items, outputs, ctx.transition),
    planAudioKey(ctx, items, audio, ctx.transition, outputs[0]!.preset.fps),
  ]);
  const owners = outputs.map((output) => SegmentStore.ownerOf(jobName, output.preset.name));
  if (!keys.some((row, p) => row.some((key) => store.has(owners[p]!, key)))) return undefined;

  const work = join(ctx.workDir, jobName, 'segments');
  await mkdir(work, { recursive: true });
  const covers = cover && new KeptCoverFrames(ctx, jobName, cover);
  const coversDone = covers ? covers.claim().then((kept) => (kept ? undefined : covers.grab())) : Promise.resolve();
  try {
    const nameOf = (p: number, s: number) => `${p}-${s}.mp4`;
    // Claim the kept segments first: a hard link holds each one for this run whatever else prunes.
    // The audio too, when it is unchanged (a caption edit): copied, not mixed and encoded again.
    const keptAudio = await Promise.all(owners.map(async (owner, p) => {
      const file = join(work, `${p}.m4a`);
      return (await store.claim(owner, audioKey, file, 'm4a')) ? file : undefined;
    }));
    const audioKept = keptAudio.every((file) => file !== undefined);
    const missing = await Promise.all(keys.map((row, p) => Promise.all(row.map(async (key, s) => !(await store.claim(owners[p]!, key, join(work, nameOf(p, s))))))));
    const fileOf = (p: number, s: number) => join(work, nameOf(p, s));
    const encoded = await encodeMissingSegments(ctx, { items, outputs, audio, keys, segments, owners, missing, store, fileOf, onProgress });

    onProgress(0.9);
    const lists = await Promise.all(outputs.map(async (output, p) => {
      const list = join(work, `${p}.ffconcat`);
      // A segment encoded in halves is joined from them: it is made whole (and kept) meanwhile.
      const names = segments[p]!.flatMap((span, s) => encoded.halves.get(fileOf(p, s))?.map(({ file, frames }) => ({ name: basename(file), frames })) ?? [{ name: nameOf(p, s), frames: span.frames }]);
      await writeFile(list, planConcatList(names, output.preset.fps));
      return { list, target: output.target, ...(audioKept ? { audio: keptAudio[p]! } : {}) };
    }));
    const totalFrames = segments.map((row) => row.reduce((sum, span) => sum + span.frames, 0));
    const duration = totalFrames[0]! / outputs[0]!.preset.fps;
    await Promise.all([
      runFfmpeg(planSegmentJoin({ items, audio, transition: ctx.transition, fps: outputs[0]!.preset.fps, encode: ctx.encode, outputs: lists }), {
        ffmpeg: ctx.engine.ffmpeg,
        signal: ctx.signal,
        timeoutMs: Math.round((60 + 2 * duration) * 1000 * ctx.timeoutScale),
        stallMs: 120_000 * ctx.timeoutScale,
      }),
      encoded.keep(),
    ]);
    const verified: VerifiedOutput[] = [];
    for (const [p, output] of outputs.entries()) {
      const { width, height, fps } = output.preset;
      verified.push(await verifyOutput(output.target, { ffprobe: ctx.engine.ffprobe, signal: ctx.signal, width, height, fps, duration: totalFrames[p]! / fps }));
    }
    if (!audioKept) await keepAudio(ctx, store, owners, audioKey, outputs[0]!.target, join(work, 'audio.m4a'));
    await coversDone;
    const coverKey = covers ? [await covers.key()] : [];
    for (const [p, owner] of owners.entries()) await store.prune(owner, [...keys[p]!, audioKey, ...coverKey]);
    return { frames: totalFrames, duration, encoded: encoded.count, reused: keys.flat().length - encoded.count, verified };
  } catch (error) {
    if (ctx.signal.aborted || (error instanceof PromoError && error.code === 'INTERRUPTED')) throw error;
    // A kept segment damaged since it was kept (a full disk, a hand edit) must not fail every
    // later render: a whole render makes the output, and keeps new segments over the old ones.
    ctx.onNotice?.(`${jobName}: rendered whole: the incremental re-render failed (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  } finally {
    // Never left running into a work folder that is about to be removed, whatever happened.
    await coversDone.catch(() => undefined);
  }
}

/** Keeps the audio just encoded into `output` (copied out of it) for each output's next re-render. */
async function keepAudio(ctx: RenderContext, store: SegmentStore, owners: string[], key: string, output: string, file: string): Promise<void> {
  await runFfmpeg(planAudioCopy(output, file), { ffmpeg: ctx.engine.ffmpeg, signal: ctx.signal, timeoutMs: 60_000 * ctx.timeoutScale });
  for (const owner of owners) await store.put(file, owner, key, 'm4a');
}
