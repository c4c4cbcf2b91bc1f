// Where a part of a crossfade timeline can start reading its first clip (plan-timeline.ts
// part.headSeek) so that clip's head is never decoded: the source time of the first frame the
// part needs, when reading from there gives exactly the frames a whole render gives. A whole
// render reads the clip from its in point and puts the first frame at or after it at time 0 of
// the frame-rate grid; a read from frame F starts the grid at F instead, so F must lie exactly
// `skip` output frames after that first frame. The packets' times come from the MP4's index, or
// from ffprobe's packet list (no decoding) for other containers.
import { readMp4Movie } from '../media/read-mp4-movie.ts';
import { planPictureLead } from '../plan/plan-picture-lead.ts';
import type { TimelineClip } from '../plan/plan-types.ts';
import { runProcess } from '../util/run-process.ts';

export interface HeadSeekOptions {
  ffprobe: string;
  signal?: AbortSignal;
  timeoutMs: number;
}

/** Seconds (to the millisecond) to read `clip`'s source from to skip its first `skip` frames at `fps`; undefined when no time gives the same frames. */
export async function probeHeadSeek(clip: TimelineClip, skip: number, fps: number, options: HeadSeekOptions): Promise<number | undefined> {
  const video = clip.media.video;
  // A clip that holds its first frame before its picture starts has its frames later on the
  // grid than this works out (plan-picture-lead.ts): it reads its head as before.
  if (!video || clip.still || skip <= 0 || planPictureLead(clip, fps) > 0) return undefined;
  const index = (await indexTimes(clip.source, video.index)) ?? await probeTimes(clip, skip, fps, video.index, options);
  if (!index) return undefined;
  const { num, den } = index;
  // ffmpeg adds the file's start time to -ss; only a file that starts at 0 is worked out here.
  if (!num || !den || !index.startsAtZero) return undefined;
  const pts = index.pts.slice().sort((a, b) => a - b);
  // ffmpeg turns -ss into the stream's ticks (nearest) and keeps frames from there on.
  const ticks = (seconds: number) => Math.round((seconds * den) / num);
  const first = pts.find((t) => t >= ticks(clip.start));
  // `skip` output frames in the stream's ticks: a whole number of them, or no frame sits there.
  const step = (skip * den) / (fps * num);
  if (first === undefined || !Number.isInteger(step)) return undefined;
  const target = first + step;
  const at = pts.indexOf(target);
  if (at <= 0) return undefined;
  // The millisecond at or just before the frame: the frame is kept, the one before it is not.
  const seek = Math.floor((target * num * 1000) / den) / 1000;
  return ticks(seek) > pts[at - 1]! && ticks(seek) <= target ? seek : undefined;
}

interface PacketTimes {
  /** The stream's time base, num/den seconds a tick. */
  num: number;
  den: number;
  /** Whether the file starts at 0 (ffprobe's format start_time). */
  startsAtZero: boolean;
  pts: readonly number[];
}

/** The video track's packet times from the MP4's index (read-mp4-movie.ts): no ffprobe run. */
async function indexTimes(source: string, videoIndex: number): Promise<PacketTimes | undefined> {
  const movie = await readMp4Movie(source);
  const track = movie?.tracks.filter((t) => t.handler === 'vide')[videoIndex];
  if (!movie || !track?.pts || movie.tracks.some((t) => t.start === undefined)) return undefined;
  return { num: 1, den: track.timescale, startsAtZero: movie.tracks.every((t) => t.start === 0), pts: track.pts };
}

/** The packet times around the clip's head as ffprobe lists them (no decoding), for other containers. */
async function probeTimes(clip: TimelineClip, skip: number, fps: number, videoIndex: number, options: HeadSeekOptions): Promise<PacketTimes | undefined> {
  const until = clip.start + skip / fps + 1;
  let parsed: { streams?: { time_base?: string }[]; format?: { start_time?: string }; packets?: { pts?: number }[] };
  try {
    const { stdout } = await runProcess(options.ffprobe, [
      '-v', 'error', '-select_streams', `v:${videoIndex}`, '-read_intervals', `${clip.start}%${until}`,
      '-show_entries', 'stream=time_base:format=start_time:packet=pts', '-of', 'json', clip.source,
    ], { signal: options.signal, timeoutMs: options.timeoutMs });
    parsed = JSON.parse(stdout) as typeof parsed;
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return undefined; // read the head as before
  }
  const [num, den] = (parsed.streams?.[0]?.time_base ?? '').split('/').map(Number);
  return {
    num: num ?? 0,
    den: den ?? 0,
    startsAtZero: Number(parsed.format?.start_time ?? NaN) === 0,
    pts: (parsed.packets ?? []).flatMap((packet) => (Number.isInteger(packet.pts) ? [packet.pts!] : [])),
  };
}
