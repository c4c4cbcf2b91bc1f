// Encodes the segments an incremental re-render (render-incrementally.ts) has no kept copy of:
// one ffmpeg run per run of neighbouring items they show (an edited clip and, at a crossfade, the
// neighbours it overlaps), each source decoded once for every preset and each run of neighbouring
// segments one encode, cut into its segments' files as it is written. A run long enough is
// encoded in two halves by two ffmpeg processes side by side (plan-run-split.ts): the filter graph
// is single-threaded, and one process left the second core half idle.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { planConcatList } from '../plan/plan-concat-list.ts';
import { planLayout } from '../plan/plan-layout.ts';
import { planPartSkip } from '../plan/plan-part-skip.ts';
import { planRunSplit } from '../plan/plan-run-split.ts';
import { planSegmentConcat } from '../plan/plan-segment-concat.ts';
import type { SegmentSpan } from '../plan/plan-segment-layout.ts';
import { planTimeLimit } from '../plan/plan-time-limit.ts';
import { planTimeline, type TimelinePart, type TimelinePiece } from '../plan/plan-timeline.ts';
import type { AudioPlan, PresetOutput, TimelineItem } from '../plan/plan-types.ts';
import { runProcess } from '../util/run-process.ts';
import { probeHeadSeek } from './probe-head-seek.ts';
import type { RenderContext } from './render-context.ts';
import { readSegmentList } from './read-segment-list.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import type { SegmentStore } from './segment-store.ts';

export interface MissingSegments {
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

export interface EncodedSegments {
  /** How many segments were encoded. */
  count: number;
  /**
   * Segments encoded in two halves, by their file (fileOf): the halves' files (beside it) and
   * frames, in order. The output's join lists the halves; `keep` makes and keeps the segment.
   */
  halves: Map<string, { file: string; frames: number }[]>;
  /** Joins each halved segment (stream copy) and keeps it: meant to run beside the output's join. */
  keep: () => Promise<void>;
}

/** One missing segment, or the half of one that an ffmpeg run writes. */
interface Member {
  p: number;
  s: number;
  span: SegmentSpan;
  file: string;
}

/** One ffmpeg run: items first..last, writing `members`. */
interface Job {
  first: number;
  last: number;
  members: Member[];
}

/** Encodes and keeps the missing segments (halved ones are kept by the result's `keep`). */
export async function encodeMissingSegments(ctx: RenderContext, m: MissingSegments): Promise<EncodedSegments> {
  const wanted = m.segments.flatMap((row, p) => row.flatMap((span, s) => (m.missing[p]![s] ? [{ p, s, span, file: m.fileOf(p, s) }] : [])));
  wanted.sort((a, b) => a.span.first - b.span.first || a.span.last - b.span.last);
  const groups: Job[] = [];
  for (const want of wanted) {
    const group = groups[groups.length - 1];
    if (group && want.span.first <= group.last + 1) {
      group.last = Math.max(group.last, want.span.last);
      group.members.push(want);
    } else {
      groups.push({ first: want.span.first, last: want.span.last, members: [want] });
    }
  }
  const secondsOf = (job: Job) => Math.max(...job.members.map(({ p, span }) => span.frames / m.outputs[p]!.preset.fps));
  const seconds = groups.reduce((sum, group) => sum + secondsOf(group), 0);
  const halves = new Map<string, { file: string; frames: number }[]>();
  let done = 0;
  for (const group of groups) {
    const jobs = await splitGroup(ctx, m, group);
    const at = jobs.map(() => 0);
    const runs = await Promise.all(jobs.map(({ job, headSeek }, j) => runJob(ctx, m, job, headSeek, (sec) => {
      at[j] = sec;
      m.onProgress(0.9 * Math.min(1, (done + at.reduce((a, b) => a + b, 0)) / seconds));
    })));
    done += secondsOf(group);
    for (const [j, cut] of runs.entries()) {
      for (const { p, s, span, file } of jobs[j]!.job.members) {
        const counted = cut.get(file) ?? await countFrames(ctx, file);
        if (counted !== span.frames) throw new Error(`segment ${s} of ${m.outputs[p]!.preset.name} has ${counted} frames, planned ${span.frames}`);
        const whole = m.fileOf(p, s);
        if (file === whole) await m.store.put(file, m.owners[p]!, m.keys[p]![s]!);
        else halves.set(whole, [...halves.get(whole) ?? [], { file, frames: span.frames }]);
      }
    }
  }
  const keep = async () => {
    for (const [p, row] of m.segments.entries()) {
      for (const [s] of row.entries()) {
        const parts = halves.get(m.fileOf(p, s));
        if (!parts) continue;
        const list = `${m.fileOf(p, s)}.ffconcat`;
        await writeFile(list, planConcatList(parts.map(({ file, frames }) => ({ name: basename(file), frames })), m.outputs[p]!.preset.fps));
        await runFfmpeg(planSegmentConcat(list, m.fileOf(p, s)), { ffmpeg: ctx.engine.ffmpeg, signal: ctx.signal, timeoutMs: 60_000 * ctx.timeoutScale });
        await m.store.put(m.fileOf(p, s), m.owners[p]!, m.keys[p]![s]!);
      }
    }
  };
  return { count: wanted.length, halves, keep };
}

/**
 * The group as one job, or as two halves cut at planRunSplit's frame when every preset of it has
 * the same run of segments and the second half can start its first clip's source where that
 * frame is (seekHead): else it would decode that clip's head too, for nothing.
 */
async function splitGroup(ctx: RenderContext, m: MissingSegments, group: Job): Promise<{ job: Job; headSeek?: number }[]> {
  const whole = async () => [{ job: group, headSeek: await seekHead(ctx, m, group) }];
  const presets = [...new Set(group.members.map(({ p }) => p))];
  const runOf = (p: number) => group.members.filter((w) => w.p === p).map(({ span }) => span).sort((a, b) => a.start - b.start);
  const shape = (p: number) => JSON.stringify(runOf(p)) + m.outputs[p]!.preset.fps;
  if (presets.some((p) => shape(p) !== shape(presets[0]!))) return whole();
  const at = planRunSplit(runOf(presets[0]!));
  if (at === undefined) return whole();
  const a: Member[] = [];
  const b: Member[] = [];
  for (const member of group.members) {
    const { span } = member;
    if (span.start + span.frames <= at) a.push(member);
    else if (span.start >= at) b.push(member);
    else {
      // The segment the cut falls in (one item's): its halves go beside its file.
      const name = (h: number) => join(dirname(member.file), `${basename(member.file, '.mp4')}.h${h}.mp4`);
      a.push({ ...member, span: { ...span, frames: at - span.start }, file: name(0) });
      b.push({ ...member, span: { ...span, start: at, frames: span.start + span.frames - at }, file: name(1) });
    }
  }
  const jobA: Job = { first: group.first, last: Math.max(...a.map(({ span }) => span.last)), members: a };
  const jobB: Job = { first: Math.min(...b.map(({ span }) => span.first)), last: group.last, members: b };
  const [seekA, seekB] = await Promise.all([seekHead(ctx, m, jobA), seekHead(ctx, m, jobB)]);
  if (seekB === undefined) return [{ job: group, headSeek: await seekHead(ctx, m, group) }];
  return [{ job: jobA, headSeek: seekA }, { job: jobB, headSeek: seekB }];
}

/** Runs one job's ffmpeg; returns the frames of its segments cut by the segment muxer, by file. */
async function runJob(ctx: RenderContext, m: MissingSegments, job: Job, headSeek: number | undefined, onSeconds: (at: number) => void): Promise<Map<string, number>> {
  const presets = [...new Set(job.members.map(({ p }) => p))].sort((a, b) => a - b);
  const runs = presets.map((p) => planRuns(job.members.filter((w) => w.p === p), m.outputs[p]!.preset.fps));
  const outputs = presets.map((p) => m.outputs[p]!);
  const part: TimelinePart = { first: job.first, last: job.last, pieces: runs.map((row) => row.map((run) => run.piece)) };
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
  const seconds = Math.max(...job.members.map(({ p, span }) => span.frames / m.outputs[p]!.preset.fps));
  await runFfmpeg(plan.command, {
    ffmpeg: ctx.engine.ffmpeg,
    signal: ctx.signal,
    timeoutMs: planTimeLimit(seconds, outputs.map((o) => o.preset), ctx.spec.quality, ctx.timeoutScale),
    stallMs: 120_000 * ctx.timeoutScale,
    onProgress: onSeconds,
  });
  // Frames of each segment: a run's as the segment muxer cut it (its list), a lone one's by ffprobe.
  return collectRuns(runs.flat());
}

/**
 * Where a crossfade part reads its first clip from when all its outputs leave out the same head
 * of it at one frame rate (probe-head-seek.ts): decoding a whole 1080p clip for its last half
 * second cost ~0.5 s of CPU on benchmark 13b's edit.
 */
async function seekHead(ctx: RenderContext, m: MissingSegments, job: Job): Promise<number | undefined> {
  const { items } = m;
  const head = items[job.first]!;
  const presets = [...new Set(job.members.map(({ p }) => p))].sort((a, b) => a - b);
  const fps = m.outputs[presets[0]!]!.preset.fps;
  if (ctx.transition.type !== 'crossfade' || head.kind !== 'clip' || presets.some((p) => m.outputs[p]!.preset.fps !== fps)) return undefined;
  const layout = planLayout(items, ctx.transition, fps);
  const pieces = presets.map((p) => job.members.filter((w) => w.p === p).map(({ span }) => ({ start: span.start, frames: span.frames, target: '' })));
  const part: TimelinePart = { first: job.first, last: job.last, pieces };
  const skips = new Set(presets.map((_, i) => planPartSkip(items, layout, ctx.transition, part, i)));
  if (skips.size !== 1) return undefined;
  return probeHeadSeek(head, [...skips][0]!, fps, { ffprobe: ctx.engine.ffprobe, signal: ctx.signal, timeoutMs: 30_000 * ctx.timeoutScale });
}

/** Neighbouring segments encoded as one piece, and where each of them goes once it is cut apart. */
interface SegmentRun {
  piece: TimelinePiece;
  /** Where the piece's segments go, in order (the piece's own target when it is one segment). */
  targets: string[];
  /** The preset's frame rate. */
  fps: number;
}

/**
 * One preset's members of a job as runs of neighbours (an overlap, the middle, the next overlap):
 * each run is encoded by one x264 with an IDR at each segment's start and cut there by the
 * segment muxer as it is written. An encoder per segment paid its start-up, look-ahead and
 * ~200 MB of frames at 1080×1920 each, and its first frames without the rate control's history.
 */
function planRuns(members: readonly Member[], fps: number): SegmentRun[] {
  const runs: Member[][] = [];
  for (const member of [...members].sort((a, b) => a.span.start - b.span.start)) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && last.span.start + last.span.frames === member.span.start) run.push(member);
    else runs.push([member]);
  }
  return runs.map((run) => {
    const start = run[0]!.span.start;
    const frames = run.map(({ span }) => span.frames);
    const targets = run.map(({ file }) => file);
    if (run.length === 1) return { piece: { start, frames: frames[0]!, target: targets[0]! }, targets, fps };
    const keyframes = run.slice(1).map(({ span }) => span.start - start);
    return { piece: { start, frames: frames.reduce((a, b) => a + b, 0), target: `${targets[0]!}.d`, keyframes, list: `${targets[0]!}.csv` }, targets, fps };
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

/** Frames of a segment's video stream, as its MP4 index counts them. */
async function countFrames(ctx: RenderContext, file: string): Promise<number> {
  const { stdout } = await runProcess(ctx.engine.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=nb_frames', '-of', 'csv=p=0', file], {
    timeoutMs: 30_000,
    signal: ctx.signal,
  });
  return Number(stdout.trim());
}
