// The incremental re-render of a job: each output is its video segments (plan-segment-layout.ts:
// its items, or at a crossfade each item's middle and each overlap). Segments kept from earlier
// renders (by content key) are reused as they are; only the missing ones (those showing a clip
// whose caption or in/out changed) are encoded, each starting on a keyframe with the same x264
// settings; the segments are then joined by stream copy beside the output's whole audio: the
// kept one copied when its key is unchanged, else mixed and encoded in one go, so no AAC frame is
// ever cut or joined.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readMp4Movie } from '../media/read-mp4-movie.ts';
import { planAudioCopy } from '../plan/plan-audio-copy.ts';
import { planConcatList } from '../plan/plan-concat-list.ts';
import { planSegmentJoin } from '../plan/plan-segment-join.ts';
import { planTimeLimit } from '../plan/plan-time-limit.ts';
import { planLayout } from '../plan/plan-layout.ts';
import { planPartSkip } from '../plan/plan-part-skip.ts';
import { planTimeline, type TimelinePart, type TimelinePiece } from '../plan/plan-timeline.ts';
import type { SegmentSpan } from '../plan/plan-segment-layout.ts';
import type { AudioPlan, PresetOutput, TimelineItem } from '../plan/plan-types.ts';
import { PromoError } from '../util/promo-error.ts';
import { runProcess } from '../util/run-process.ts';
import { planAudioKey } from './plan-audio-key.ts';
import { planSegmentKeys } from './plan-segment-keys.ts';
import { probeHeadSeek } from './probe-head-seek.ts';
import type { RenderContext } from './render-context.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import { KeptCoverFrames } from './kept-cover-frames.ts';
import type { ProductCoverFrames } from './product-cover-frames.ts';
import { readSegmentList } from './read-segment-list.ts';
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
    const encoded = await encodeMissing(ctx, { items, outputs, audio, keys, segments, owners, missing, store, fileOf: (p, s) => join(work, nameOf(p, s)), onProgress });

    onProgress(0.9);
    const lists = await Promise.all(outputs.map(async (output, p) => {
      const list = join(work, `${p}.ffconcat`);
      await writeFile(list, planConcatList(segments[p]!.map((span, s) => ({ name: nameOf(p, s), frames: span.frames })), output.preset.fps));
      return { list, target: output.target, ...(audioKept ? { audio: keptAudio[p]! } : {}) };
    }));
    const totalFrames = segments.map((row) => row.reduce((sum, span) => sum + span.frames, 0));
    const duration = totalFrames[0]! / outputs[0]!.preset.fps;
    await runFfmpeg(planSegmentJoin({ items, audio, transition: ctx.transition, fps: outputs[0]!.preset.fps, encode: ctx.encode, outputs: lists }), {
      ffmpeg: ctx.engine.ffmpeg,
      signal: ctx.signal,
      timeoutMs: Math.round((60 + 2 * duration) * 1000 * ctx.timeoutScale),
      stallMs: 120_000 * ctx.timeoutScale,
    });
    const verified: VerifiedOutput[] = [];
    for (const [p, output] of outputs.entries()) {
      const { width, height, fps } = output.preset;
      verified.push(await verifyOutput(output.target, { ffprobe: ctx.engine.ffprobe, signal: ctx.signal, width, height, fps, duration: totalFrames[p]! / fps }));
    }
    if (!audioKept) await keepAudio(ctx, store, owners, audioKey, outputs[0]!.target, join(work, 'audio.m4a'));
    await coversDone;
    const coverKey = covers ? [await covers.key()] : [];
    for (const [p, owner] of owners.entries()) await store.prune(owner, [...keys[p]!, audioKey, ...coverKey]);
    return { frames: totalFrames, duration, encoded, reused: keys.flat().length - encoded, verified };
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

interface MissingSegments {
  items: readonly TimelineItem[];
  outputs: readonly PresetOutput[];
  audio: AudioPlan;
  keys: string[][];
  segments: SegmentSpan[][];
  owners: string[];
  /** missing[p][s]: output p has no kept segment s. */
  missing: boolean[][];
  store: SegmentStore;
  fileOf: (p: number, s: number) => string;
  onProgress: (fraction: number) => void;
}

/**
 * Encodes and keeps the missing segments; returns how many. One ffmpeg run per run of
 * neighbouring items they show (an edited clip and, at a crossfade, the neighbours it overlaps):
 * each source decoded once for every preset, each run of neighbouring segments one encode, cut
 * into its segments' files as it is written.
 */
async function encodeMissing(ctx: RenderContext, m: MissingSegments): Promise<number> {
  const wanted = m.segments.flatMap((row, p) => row.flatMap((span, s) => (m.missing[p]![s] ? [{ p, s, span }] : [])));
  wanted.sort((a, b) => a.span.first - b.span.first || a.span.last - b.span.last);
  const groups: { first: number; last: number; members: typeof wanted }[] = [];
  for (const want of wanted) {
    const group = groups[groups.length - 1];
    if (group && want.span.first <= group.last + 1) {
      group.last = Math.max(group.last, want.span.last);
      group.members.push(want);
    } else {
      groups.push({ first: want.span.first, last: want.span.last, members: [want] });
    }
  }
  const secondsOf = (group: { first: number; last: number }) => m.items.slice(group.first, group.last + 1).reduce((sum, item) => sum + item.duration, 0);
  const seconds = groups.reduce((sum, group) => sum + secondsOf(group), 0);
  let done = 0;
  for (const group of groups) {
    const presets = [...new Set(group.members.map(({ p }) => p))].sort((a, b) => a - b);
    const runs = presets.map((p) => planRuns(group.members.filter((w) => w.p === p), (s) => m.fileOf(p, s), m.outputs[p]!.preset.fps));
    const outputs = presets.map((p) => m.outputs[p]!);
    const part: TimelinePart = { first: group.first, last: group.last, pieces: runs.map((row) => row.map((run) => run.piece)) };
    const headSeek = await seekHead(ctx, m.items, outputs, part);
    const plan = planTimeline({
      items: m.items,
      outputs,
      audio: m.audio,
      encode: ctx.encode,
      capabilities: ctx.capabilities,
      transition: ctx.transition,
      part: headSeek === undefined ? part : { ...part, headSeek },
    });
    await Promise.all(runs.flat().flatMap((run) => (run.piece.list === undefined ? [] : [mkdir(run.piece.target, { recursive: true })])));
    await runFfmpeg(plan.command, {
      ffmpeg: ctx.engine.ffmpeg,
      signal: ctx.signal,
      timeoutMs: planTimeLimit(secondsOf(group), presets.map((p) => m.outputs[p]!.preset), ctx.spec.quality, ctx.timeoutScale),
      stallMs: 120_000 * ctx.timeoutScale,
      onProgress: (at) => m.onProgress(0.9 * Math.min(1, (done + at) / seconds)),
    });
    done += secondsOf(group);
    // Frames of each segment: a run's as the segment muxer cut it (its list), a lone one's from its MP4 index.
    const cut = await collectRuns(runs.flat());
    for (const { p, s, span } of group.members) {
      const counted = cut.get(m.fileOf(p, s)) ?? await countFrames(ctx, m.fileOf(p, s));
      if (counted !== span.frames) throw new Error(`segment ${s} of ${m.outputs[p]!.preset.name} has ${counted} frames, planned ${span.frames}`);
      await m.store.put(m.fileOf(p, s), m.owners[p]!, m.keys[p]![s]!);
    }
  }
  return wanted.length;
}

/**
 * Where a crossfade part reads its first clip from when all its outputs leave out the same head
 * of it at one frame rate (probe-head-seek.ts): decoding a whole 1080p clip for its last half
 * second cost ~0.5 s of CPU on benchmark 13b's edit.
 */
async function seekHead(ctx: RenderContext, items: readonly TimelineItem[], outputs: readonly PresetOutput[], part: TimelinePart): Promise<number | undefined> {
  const head = items[part.first]!;
  const fps = outputs[0]!.preset.fps;
  if (ctx.transition.type !== 'crossfade' || head.kind !== 'clip' || outputs.some((output) => output.preset.fps !== fps)) return undefined;
  const layout = planLayout(items, ctx.transition, fps);
  const skips = new Set(outputs.map((_, p) => planPartSkip(items, layout, ctx.transition, part, p)));
  if (skips.size !== 1) return undefined;
  return probeHeadSeek(head, [...skips][0]!, fps, { ffprobe: ctx.engine.ffprobe, signal: ctx.signal, timeoutMs: 30_000 * ctx.timeoutScale });
}

/** Neighbouring segments encoded as one piece, and where each of them goes once it is cut apart. */
interface SegmentRun {
  piece: TimelinePiece;
  /** Where the piece's segments go, in order (the piece's own target when it is one segment). */
  targets: string[];
  frames: number[];
  /** The preset's frame rate. */
  fps: number;
}

/**
 * One preset's missing segments of a group as runs of neighbours (an overlap, the middle, the next
 * overlap): each run is encoded by one x264 with an IDR at each segment's start and cut there by
 * the segment muxer as it is written. An encoder per segment paid its start-up, look-ahead and ~200 MB of frames at
 * 1080×1920 each, and its first frames without the rate control's history.
 */
function planRuns(members: readonly { s: number; span: SegmentSpan }[], fileOf: (s: number) => string, fps: number): SegmentRun[] {
  const runs: { s: number; span: SegmentSpan }[][] = [];
  for (const member of [...members].sort((a, b) => a.span.start - b.span.start)) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && last.span.start + last.span.frames === member.span.start) run.push(member);
    else runs.push([member]);
  }
  return runs.map((run) => {
    const start = run[0]!.span.start;
    const frames = run.map(({ span }) => span.frames);
    const targets = run.map(({ s }) => fileOf(s));
    if (run.length === 1) return { piece: { start, frames: frames[0]!, target: targets[0]! }, targets, frames, fps };
    const keyframes = run.slice(1).map(({ span }) => span.start - start);
    return { piece: { start, frames: frames.reduce((a, b) => a + b, 0), target: `${targets[0]!}.d`, keyframes, list: `${targets[0]!}.csv` }, targets, frames, fps };
  });
}

/**
 * Moves the segments of each run of several, cut as they were encoded (the segment muxer, on the
 * IDRs), to their targets; returns the frames of each, by its target, as the muxer's list gives
 * its start and end (as keep-rendered-segments.ts checks a whole render's cuts). A second ffmpeg
 * that cut the run by stream copy, and an ffprobe per segment, each cost ~0.1 s of CPU and
 * ~0.3 s of wall time on a loaded machine.
 */
async function collectRuns(runs: readonly SegmentRun[]): Promise<Map<string, number>> {
  const cut = new Map<string, number>();
  for (const run of runs) {
    if (run.piece.list === undefined) continue;
    // One the list does not name as expected is counted by ffprobe instead.
    for (const [i, { name, frames }] of (await readSegmentList(run.piece.list, run.fps)).entries()) {
      if (name === `${i}.mp4` && i < run.targets.length) cut.set(run.targets[i]!, frames);
    }
    for (const [i, target] of run.targets.entries()) await rename(join(run.piece.target, `${i}.mp4`), target);
  }
  return cut;
}

/** Frames of a segment: its video track's samples, by ffprobe when its movie box cannot be read. */
async function countFrames(ctx: RenderContext, file: string): Promise<number> {
  const video = (await readMp4Movie(file))?.tracks.find((track) => track.handler === 'vide');
  if (video) return video.samples;
  const { stdout } = await runProcess(ctx.engine.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=nb_frames', '-of', 'csv=p=0', file], {
    timeoutMs: 30_000,
    signal: ctx.signal,
  });
  return Number(stdout.trim());
}

/** Keeps the audio just encoded into `output` (copied out of it) for each output's next re-render. */
async function keepAudio(ctx: RenderContext, store: SegmentStore, owners: string[], key: string, output: string, file: string): Promise<void> {
  await runFfmpeg(planAudioCopy(output, file), { ffmpeg: ctx.engine.ffmpeg, signal: ctx.signal, timeoutMs: 60_000 * ctx.timeoutScale });
  for (const owner of owners) await store.put(file, owner, key, 'm4a');
}
