// Reads what a footage or music file contains with ffprobe, confined to local files of known
// containers, and turns it into the few facts planning needs.
import { lstat, open, stat } from 'node:fs/promises';

import { ProcessError } from '../util/process-error.ts';
import { PromoError } from '../util/promo-error.ts';
import { runProcess } from '../util/run-process.ts';
import { VIDEO_FORMATS, AUDIO_FORMATS, inputWhitelist } from './input-whitelists.ts';

export interface VideoStreamInfo {
  /** Index among the file's video streams (for `-map 0:v:N`-style references). */
  index: number;
  codec: string;
  /** Coded size. */
  width: number;
  height: number;
  /** Size as displayed: rotation and pixel aspect applied. */
  displayWidth: number;
  displayHeight: number;
  /** Degrees clockwise the picture is turned for display (0, 90, 180, 270). */
  rotation: number;
  /** Pixel aspect ratio as a number (1 for square pixels). */
  sar: number;
  /** Average frame rate. */
  fps: number;
  pixFmt?: string;
  colorTransfer?: string;
  colorPrimaries?: string;
  colorSpace?: string;
  /** HDR (PQ or HLG) footage, which needs tone mapping for SDR BT.709 output. */
  hdr: boolean;
  /**
   * Seconds the picture starts after the file does (its stream's start_time less the format's):
   * 0 for most footage; a phone's take can start its sound first. Read from a time before it, the
   * first frame is held until then (plan-clip-video.ts), so the picture keeps to its sound.
   */
  delay: number;
}

export interface AudioStreamInfo {
  /** Index among the file's audio streams. */
  index: number;
  codec: string;
  channels: number;
  sampleRate: number;
}

export interface MediaInfo {
  path: string;
  /** Seconds. */
  duration: number;
  formatName: string;
  video?: VideoStreamInfo;
  audio?: AudioStreamInfo;
}

/** Kept probes (the render cache's `probes`) are keyed by this and the file's hash: raise it when MediaInfo gains or changes a fact. */
export const PROBE_VERSION = 2;

export interface ProbeOptions {
  ffprobe: string;
  kind: 'video' | 'audio';
  timeoutMs?: number;
  /** Cancels the probe (ffprobe is stopped). */
  signal?: AbortSignal;
}

/** Probes a local media file; throws PromoError with FOOTAGE_* codes a person can act on. */
export async function probeMedia(file: string, options: ProbeOptions): Promise<MediaInfo> {
  await assertRegularFile(file);
  const formats = options.kind === 'video' ? VIDEO_FORMATS : AUDIO_FORMATS;
  const args = [
    '-v', 'error', ...inputWhitelist(formats),
    '-show_streams', '-show_format', '-of', 'json', file,
  ];
  let stdout: string;
  try {
    ({ stdout } = await runProcess(options.ffprobe, args, { timeoutMs: options.timeoutMs ?? 30_000, signal: options.signal, tailLines: 200 }));
  } catch (error) {
    if (error instanceof ProcessError && error.aborted) {
      throw new PromoError('INTERRUPTED', `probing ${file} was interrupted`, { detail: error.detail, cause: error });
    }
    const stderr = error instanceof ProcessError ? error.stderrTail.join('\n') || error.message : String(error);
    throw unreadable(file, options.kind, stderr);
  }
  return interpretProbe(file, JSON.parse(stdout) as RawProbe, options.kind);
}

/** Throws FOOTAGE_MISSING / FOOTAGE_REFUSED unless `file` is a regular, non-empty file (or a link to one). */
export async function assertRegularFile(file: string): Promise<void> {
  let info;
  try {
    info = await lstat(file);
  } catch {
    throw new PromoError('FOOTAGE_MISSING', `${file} does not exist`, {
      hint: 'check the path (it is relative to the spec file) and the file name',
    });
  }
  if (info.isSymbolicLink() || !info.isFile()) {
    // Follow a symlink only to check it ends at a regular file.
    const target = await stat(file).catch(() => undefined);
    if (!target?.isFile()) {
      throw new PromoError('FOOTAGE_REFUSED', `${file} is not a regular file`, { hint: 'point footage at a video or image file' });
    }
  }
  if (info.size === 0) {
    throw new PromoError('FOOTAGE_UNREADABLE', `${file} is empty (0 bytes)`, {
      hint: 'copy the footage again; the transfer may have failed',
    });
  }
  // Playlists and concat lists name other files; ffmpeg would open them (FACTS.md). The input
  // whitelists stop that too; this gives the clearer message.
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(32);
    await handle.read(head, 0, head.length, 0);
    const text = head.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
    if (/^(#EXTM3U|ffconcat|\[playlist\]|<\?xml|<smil)/i.test(text)) {
      throw new PromoError('FOOTAGE_REFUSED', `${file} is a playlist or file list, not a video`, {
        hint: 'point footage at the video file itself; promo never opens files a playlist names',
      });
    }
  } finally {
    await handle.close();
  }
}

function unreadable(file: string, kind: string, stderr: string): PromoError {
  const reason = stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? 'unknown error';
  const refused = /not on whitelist|whitelist/i.test(stderr);
  if (refused) {
    return new PromoError('FOOTAGE_REFUSED', `${file} is not a ${kind} file promo accepts (its container type is refused)`, {
      hint: `export it as MP4 (H.264/HEVC); playlists and concat lists are never opened`,
      detail: stderr,
    });
  }
  return new PromoError('FOOTAGE_UNREADABLE', `${file} cannot be read as ${kind}: ${reason.replace(/^.*?: /, '')}`, {
    hint: kind === 'video' ? 'check it plays in a video player; re-export or copy it again' : 'use an mp3, m4a, wav or flac file',
    detail: stderr,
  });
}

interface RawStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  pix_fmt?: string;
  color_transfer?: string;
  color_primaries?: string;
  color_space?: string;
  channels?: number;
  sample_rate?: string;
  duration?: string;
  start_time?: string;
  disposition?: { default?: number; attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
}

interface RawProbe {
  streams?: RawStream[];
  format?: { format_name?: string; duration?: string; start_time?: string };
}

/** Turns ffprobe's JSON into MediaInfo (pure; exported for tests). */
export function interpretProbe(file: string, raw: RawProbe, kind: 'video' | 'audio'): MediaInfo {
  const streams = raw.streams ?? [];
  const videos = streams.filter((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audios = streams.filter((s) => s.codec_type === 'audio');
  const formatName = raw.format?.format_name ?? 'unknown';
  const durations = [raw.format?.duration, ...videos.map((s) => s.duration), ...audios.map((s) => s.duration)]
    .map((d) => Number(d))
    .filter((d) => Number.isFinite(d) && d > 0);
  const duration = durations.length > 0 ? durations[0]! : 0;
  if (kind === 'video' && videos.length === 0) {
    throw new PromoError('FOOTAGE_UNREADABLE', `${file} has no video stream`, {
      hint: 'use a video file, or a still image (jpg/png/webp) as footage',
    });
  }
  if (kind === 'audio' && audios.length === 0) {
    throw new PromoError('FOOTAGE_UNREADABLE', `${file} has no audio stream`, { hint: 'use an mp3, m4a, wav or flac file' });
  }
  if (duration <= 0) {
    throw new PromoError('FOOTAGE_UNREADABLE', `${file} has no duration (it may be damaged or still being copied)`, {
      hint: 'check it plays in a video player; copy it again',
    });
  }
  const info: MediaInfo = { path: file, duration, formatName };
  const videoStream = pickDefault(videos);
  if (videoStream) info.video = { ...describeVideo(videoStream, videos.indexOf(videoStream), file), delay: pictureDelay(videoStream, raw, duration) };
  const audioStream = pickDefault(audios);
  if (audioStream) {
    info.audio = {
      index: audios.indexOf(audioStream),
      codec: audioStream.codec_name ?? 'unknown',
      channels: audioStream.channels ?? 2,
      sampleRate: Number(audioStream.sample_rate ?? 48000),
    };
  }
  return info;
}

/** Seconds from the file's start (ffmpeg's zero after an input -ss) to its picture's first frame. */
function pictureDelay(stream: RawStream, raw: RawProbe, duration: number): number {
  const picture = Number(stream.start_time);
  const file = Number(raw.format?.start_time ?? stream.start_time);
  if (!Number.isFinite(picture) || !Number.isFinite(file)) return 0;
  return Math.round(Math.min(duration, Math.max(0, picture - file)) * 1e6) / 1e6;
}

function pickDefault(streams: RawStream[]): RawStream | undefined {
  return streams.find((s) => s.disposition?.default === 1) ?? streams[0];
}

function describeVideo(stream: RawStream, index: number, file: string): Omit<VideoStreamInfo, 'delay'> {
  const width = stream.width ?? 0;
  const height = stream.height ?? 0;
  if (width <= 0 || height <= 0) {
    throw new PromoError('FOOTAGE_UNREADABLE', `${file}: its video stream has no picture size`, {
      hint: 'the file may be damaged; re-export it',
    });
  }
  const rotation = readRotation(stream);
  const sar = parseRatio(stream.sample_aspect_ratio) || 1;
  // Display size: pixel aspect applied to the width, then the rotation.
  const squareWidth = Math.max(1, Math.round(width * sar));
  const turned = rotation === 90 || rotation === 270;
  const fps = parseRatio(stream.avg_frame_rate) || parseRatio(stream.r_frame_rate) || 30;
  const transfer = stream.color_transfer;
  return {
    index,
    codec: stream.codec_name ?? 'unknown',
    width,
    height,
    displayWidth: turned ? height : squareWidth,
    displayHeight: turned ? squareWidth : height,
    rotation,
    sar,
    fps,
    pixFmt: stream.pix_fmt,
    colorTransfer: transfer,
    colorPrimaries: stream.color_primaries,
    colorSpace: stream.color_space,
    hdr: transfer === 'smpte2084' || transfer === 'arib-std-b67',
  };
}

function readRotation(stream: RawStream): number {
  // ffprobe 5+ reports a display matrix rotation (counter-clockwise, negative = clockwise);
  // older files and tools use a `rotate` tag (clockwise).
  const matrix = stream.side_data_list?.find((d) => typeof d.rotation === 'number');
  let clockwise = 0;
  if (matrix && typeof matrix.rotation === 'number') clockwise = -matrix.rotation;
  else if (stream.tags?.rotate) clockwise = Number(stream.tags.rotate) || 0;
  const normalised = ((Math.round(clockwise / 90) * 90) % 360 + 360) % 360;
  return normalised;
}

function parseRatio(text: string | undefined): number {
  if (!text) return 0;
  const [a, b] = text.split(':').length === 2 ? text.split(':') : text.split('/');
  const num = Number(a);
  const den = b === undefined ? 1 : Number(b);
  if (!Number.isFinite(num) || !Number.isFinite(den) || den === 0 || num === 0) return 0;
  return num / den;
}
