// The content key of a job's encoded audio: everything that decides its samples and its AAC
// stream (promo's render version, the engine, the bitrate, the transition, each item's sample
// count and, for clips, the footage's content, range and audio stream, the music bed, the
// loudness gain and limiter). A caption edit leaves it as it was, so the audio is copied.
import { hashStream, hashValue } from '../cache/file-hasher.ts';
import { planLayout } from '../plan/plan-layout.ts';
import type { AudioPlan, TimelineItem, TransitionPlan } from '../plan/plan-types.ts';
import type { RenderContext } from './render-context.ts';
import { RENDER_VERSION } from './render-version.ts';

/** The key of the audio a job's outputs share (laid out at `fps`, the first output's rate). */
export async function planAudioKey(ctx: RenderContext, items: readonly TimelineItem[], audio: AudioPlan, transition: TransitionPlan, fps: number): Promise<string> {
  const hash = (file: string) => (ctx.hashFile ? ctx.hashFile(file) : hashStream(file));
  const layout = planLayout(items, transition, fps);
  return hashValue({
    renderVersion: RENDER_VERSION,
    engine: ctx.engine.identity,
    bitrate: ctx.encode.audioBitrate,
    transition,
    fps,
    frames: layout.frames,
    items: await Promise.all(items.map(async (item) => (item.kind === 'card' || item.still || !item.media.audio
      ? { silent: true }
      : { footage: await hash(item.source), start: item.start, duration: item.duration, stream: item.media.audio }))),
    music: audio.music && { ...audio.music, file: await hash(audio.music.file) },
    gainDb: audio.gainDb,
    limit: audio.limit,
  });
}
