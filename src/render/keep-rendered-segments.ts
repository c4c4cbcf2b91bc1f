// After a whole render: cuts each output into its video segments (stream copy, no re-encode; the
// render forced a keyframe at each one's first frame) and keeps them by content key, so the next
// render after a small edit re-encodes only the segments that changed (render-incrementally.ts).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { planSegmentSplit } from '../plan/plan-segment-split.ts';
import type { AudioPlan, PresetOutput, TimelineItem } from '../plan/plan-types.ts';
import { PromoError } from '../util/promo-error.ts';
import { planAudioKey } from './plan-audio-key.ts';
import { planSegmentKeys } from './plan-segment-keys.ts';
import type { RenderContext } from './render-context.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import { KeptCoverFrames } from './kept-cover-frames.ts';
import type { ProductCoverFrames } from './product-cover-frames.ts';
import { readSegmentList } from './read-segment-list.ts';
import { SegmentStore } from './segment-store.ts';

/** Keeps the segments of a job's finished outputs. Never fails the render: a problem is a notice and the next render is whole. */
export async function keepRenderedSegments(
  ctx: RenderContext,
  jobName: string,
  items: readonly TimelineItem[],
  outputs: readonly PresetOutput[],
  audio: AudioPlan,
  /** A product's cover frames, kept too when the render wrote them. */
  cover?: ProductCoverFrames,
  /** The render's encode: the keys are planned while it runs, the cut starts once it is done. */
  encoded: Promise<unknown> = Promise.resolve(),
): Promise<void> {
  const planned = Promise.all([
    planSegmentKeys(ctx, items, outputs, ctx.transition),
    planAudioKey(ctx, items, audio, ctx.transition, outputs[0]!.preset.fps),
  ]);
  planned.catch(() => undefined);
  try {
    await encoded;
  } catch {
    return; // nothing to keep: the render itself reports its failed encode
  }
  try {
    const [{ keys, segments }, audioKey] = await planned;
    const work = join(ctx.workDir, jobName, 'split');
    const sources = outputs.map((output, p) => ({
      file: output.target, frames: segments[p]!.map((s) => s.frames), dir: join(work, String(p)), list: join(work, `${p}.csv`), audio: join(work, `${p}.m4a`),
    }));
    await Promise.all(sources.map(({ dir }) => mkdir(dir, { recursive: true })));
    await runFfmpeg(planSegmentSplit(sources), { ffmpeg: ctx.engine.ffmpeg, signal: ctx.signal, timeoutMs: 120_000 * ctx.timeoutScale });
    const store = new SegmentStore(ctx.outDir);
    const covers = cover && new KeptCoverFrames(ctx, jobName, cover);
    await covers?.keep();
    const coverKey = covers ? [await covers.key()] : [];
    for (const [p, source] of sources.entries()) {
      const fps = outputs[p]!.preset.fps;
      const cut = await readSegmentList(source.list, fps);
      // Every cut on a segment boundary, or nothing is kept: a segment must have exactly its frames.
      const exact = cut.length === source.frames.length
        && cut.every(({ name, frames }, k) => name === `${k}.mp4` && frames === source.frames[k]);
      if (!exact) throw new Error(`the cuts of ${outputs[p]!.preset.name} do not fall on the segments' boundaries`);
      const owner = SegmentStore.ownerOf(jobName, outputs[p]!.preset.name);
      for (const [k, key] of keys[p]!.entries()) await store.put(join(source.dir, `${k}.mp4`), owner, key);
      await store.put(source.audio, owner, audioKey, 'm4a');
      await store.prune(owner, [...keys[p]!, audioKey, ...coverKey]);
    }
  } catch (error) {
    if (error instanceof PromoError && error.code === 'INTERRUPTED') throw error;
    ctx.onNotice?.(`${jobName}: its segments were not kept for a quick re-render (${error instanceof Error ? error.message : String(error)}); the next render of it is whole`);
  }
}
