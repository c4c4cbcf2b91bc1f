// Checks a finished render before it gets its final name: one H.264 and one AAC stream, the
// planned size, and the planned duration to within a frame. A source that ended early
// (truncated footage) shows up here as a short output. The MP4's movie box is read directly
// (read-mp4-movie.ts); ffprobe only for a file whose movie box cannot be read.
import { readMp4Movie } from '../media/read-mp4-movie.ts';
import { PromoError } from '../util/promo-error.ts';
import { runProcess } from '../util/run-process.ts';

export interface VerifyOutputOptions {
  ffprobe: string;
  width: number;
  height: number;
  fps: number;
  /** Planned duration, seconds. */
  duration: number;
  /** Cancels the check (ffprobe is stopped). */
  signal?: AbortSignal;
}

export interface VerifiedOutput {
  duration: number;
  width: number;
  height: number;
}

interface ProbedStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  duration?: string;
}

/** Probes a rendered file and throws RENDER_FAILED when it is not what was planned. */
export async function verifyOutput(file: string, options: VerifyOutputOptions): Promise<VerifiedOutput> {
  const streams = await readStreams(file, options);
  const video = streams.filter((s) => s.codec_type === 'video');
  const audio = streams.filter((s) => s.codec_type === 'audio');
  const problem = (message: string) =>
    new PromoError('RENDER_FAILED', `the rendered file is not right: ${message}`, {
      hint: 'the footage may be damaged or truncated; check it plays to the end of every clip',
    });
  if (video.length !== 1 || audio.length !== 1 || streams.length !== 2) {
    throw problem(`expected one video and one audio stream, found ${video.length} and ${audio.length}`);
  }
  const v = video[0]!;
  const a = audio[0]!;
  if (v.codec_name !== 'h264' || a.codec_name !== 'aac') throw problem(`codecs are ${v.codec_name}/${a.codec_name}`);
  if (v.width !== options.width || v.height !== options.height) {
    throw problem(`frame is ${v.width}×${v.height}, planned ${options.width}×${options.height}`);
  }
  const frame = 1 / options.fps;
  const videoDuration = Number(v.duration);
  const audioDuration = Number(a.duration);
  if (!(Math.abs(videoDuration - options.duration) <= frame + 1e-3)) {
    throw problem(`video is ${videoDuration.toFixed(2)} s long, planned ${options.duration.toFixed(2)} s (a source ended early?)`);
  }
  if (!(Math.abs(audioDuration - videoDuration) <= frame + 1e-3)) {
    throw problem(`audio is ${audioDuration.toFixed(3)} s, video ${videoDuration.toFixed(3)} s`);
  }
  return { duration: videoDuration, width: v.width, height: v.height };
}

const TRACK_KINDS: Record<string, string> = { vide: 'video', soun: 'audio' };

async function readStreams(file: string, options: VerifyOutputOptions): Promise<ProbedStream[]> {
  const movie = await readMp4Movie(file);
  if (movie) {
    return movie.tracks.map((track) => ({
      codec_type: TRACK_KINDS[track.handler] ?? track.handler,
      codec_name: track.codec,
      width: track.width,
      height: track.height,
      duration: String(track.duration),
    }));
  }
  const { stdout } = await runProcess(options.ffprobe, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], {
    timeoutMs: 30_000,
    signal: options.signal,
  });
  return (JSON.parse(stdout) as { streams?: ProbedStream[] }).streams ?? [];
}
