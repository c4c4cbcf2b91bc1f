// Measuring helpers for render tests: probe a file, measure loudness, grab frames, compare pixels.
// Everything runs the bundled ffmpeg/ffprobe (never a system one) so results do not depend on
// what the machine has installed.
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import sharp from 'sharp';

const require = createRequire(import.meta.url);

let ffmpegCached: string | undefined;
let ffprobeCached: string | undefined;

/** Path of the bundled static ffmpeg (4.1). */
export function ffmpegPath(): string {
  if (!ffmpegCached) {
    const mod = require('@ffmpeg-installer/ffmpeg') as { path: string };
    ffmpegCached = ensureExecutable(mod.path);
  }
  return ffmpegCached;
}

/** Path of the bundled static ffprobe (5.2); made executable (u+x) if its postinstall did not run. */
export function ffprobePath(): string {
  if (!ffprobeCached) {
    const mod = require('@ffprobe-installer/ffprobe') as { path: string };
    ffprobeCached = ensureExecutable(mod.path);
  }
  return ffprobeCached;
}

function ensureExecutable(file: string): string {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    const mode = statSync(file).mode;
    chmodSync(file, mode | 0o100);
    accessSync(file, constants.X_OK);
  }
  return file;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export interface RunOptions {
  /** Bytes written to the child's stdin (then closed). */
  input?: Buffer;
  /** Kill with SIGKILL after this many ms (default 120 s). */
  timeoutMs?: number;
  cwd?: string;
}

/** Runs a program with an argument array (no shell) and collects its output; never rejects on exit code. */
export function run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let errBytes = 0;
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      // Keep at most ~4 MB of stderr (debug logs can be large).
      if (errBytes < 4_000_000) {
        err.push(d);
        errBytes += d.length;
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {
      /* child may exit before reading all input (EPIPE) */
    });
    if (options.input) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/** Runs the bundled ffmpeg (adds -hide_banner -nostdin); rejects with the stderr tail on failure. */
export async function ffmpeg(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const res = await run(ffmpegPath(), ['-hide_banner', '-nostdin', ...args], options);
  if (res.code !== 0) {
    throw new Error(`ffmpeg ${args.join(' ')}\nexited ${res.code ?? res.signal}:\n${tail(res.stderr)}`);
  }
  return res;
}

/** Runs the bundled ffprobe; rejects with the stderr tail on failure. */
export async function ffprobe(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const res = await run(ffprobePath(), ['-hide_banner', ...args], options);
  if (res.code !== 0) {
    throw new Error(`ffprobe ${args.join(' ')}\nexited ${res.code ?? res.signal}:\n${tail(res.stderr)}`);
  }
  return res;
}

/**
 * Writes `out`: `file` with its picture or its sound starting `seconds` late (stream copy, the
 * other stream as it was), as a phone's take can have it: the stream's start_time moves.
 */
export async function delayStream(file: string, stream: 'video' | 'audio', seconds: number, out: string): Promise<void> {
  const offset = ['-itsoffset', String(seconds)];
  await ffmpeg(['-v', 'error', '-y', ...(stream === 'video' ? offset : []), '-i', file, ...(stream === 'audio' ? offset : []), '-i', file,
    '-map', '0:v', '-map', '1:a', '-c', 'copy', out]);
}

function tail(text: string, lines = 25): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// probeFile

export interface StreamSummary {
  index: number;
  codec_type: string; // 'video' | 'audio' | 'subtitle' | 'data' | 'attachment'
  codec_name?: string;
  codec_tag_string?: string;
  profile?: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  /** Coded width/height after applying the display rotation (what a viewer sees), square-pixel-free. */
  display_width?: number;
  display_height?: number;
  /** e.g. '1:1', '4:3'; undefined when ffprobe reports none. */
  sample_aspect_ratio?: string;
  display_aspect_ratio?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  /** r_frame_rate / avg_frame_rate as numbers (NaN when 0/0). */
  r_fps?: number;
  avg_fps?: number;
  time_base?: string;
  color_space?: string;
  color_primaries?: string;
  color_transfer?: string;
  color_range?: string;
  field_order?: string;
  sample_rate?: number;
  channels?: number;
  channel_layout?: string;
  /** Seconds. */
  duration?: number;
  start_time?: number;
  bit_rate?: number;
  nb_frames?: number;
  /** Only with `countFrames: true`: frames actually decoded by ffprobe. */
  nb_read_frames?: number;
  /**
   * Display-matrix rotation as ffprobe 5 reports it (counter-clockwise degrees, e.g. -90 for a
   * file tagged rotate=90), normalised to -180..180; 0 when absent.
   */
  rotation: number;
  /** The clockwise rotation a player applies (the legacy `rotate` tag value): 0, 90, 180 or 270. */
  rotate_cw: 0 | 90 | 180 | 270;
  side_data: Array<Record<string, unknown>>;
  disposition: Record<string, number>;
  tags: Record<string, string>;
}

export interface ProbeSummary {
  file: string;
  streams: StreamSummary[];
  video: StreamSummary[];
  audio: StreamSummary[];
  subtitle: StreamSummary[];
  data: StreamSummary[];
  format: {
    format_name: string;
    format_long_name?: string;
    /** Seconds. */
    duration?: number;
    start_time?: number;
    size?: number;
    bit_rate?: number;
    nb_streams: number;
    tags: Record<string, string>;
  };
}

export interface ProbeOptions {
  /** Decode every frame to fill `nb_read_frames` (slow for long files). */
  countFrames?: boolean;
  /** Extra ffprobe input options placed before -i (e.g. ['-format_whitelist', 'mov,mp4']). */
  inputArgs?: string[];
}

function num(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '' || v === 'N/A') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Matroska keeps per-stream durations in a DURATION tag ("00:00:01.021000000"). */
function tagDuration(tags: Record<string, string>): number | undefined {
  const v = tags.DURATION ?? tags.duration;
  const m = v ? /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(v) : null;
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

function rate(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const [a, b] = v.split('/').map(Number);
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  return b === 0 ? Number.NaN : a / b;
}

/** ffprobe -show_streams -show_format, reduced to the fields tests check. */
export async function probeFile(file: string, options: ProbeOptions = {}): Promise<ProbeSummary> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format'];
  if (options.countFrames) args.push('-count_frames');
  args.push(...(options.inputArgs ?? []), '-i', file);
  const res = await ffprobe(args, { timeoutMs: 300_000 });
  const json = JSON.parse(res.stdout.toString('utf8')) as {
    streams?: Array<Record<string, unknown>>;
    format?: Record<string, unknown>;
  };
  const streams: StreamSummary[] = (json.streams ?? []).map((s) => {
    const sideData = (s.side_data_list as Array<Record<string, unknown>> | undefined) ?? [];
    const matrix = sideData.find((d) => d.side_data_type === 'Display Matrix');
    let rotation = matrix ? Number(matrix.rotation ?? 0) : 0;
    const tags = (s.tags as Record<string, string> | undefined) ?? {};
    if (!matrix && tags.rotate !== undefined) rotation = -Number(tags.rotate);
    rotation = ((((rotation + 180) % 360) + 360) % 360) - 180;
    if (rotation === -180) rotation = 180;
    if (Object.is(rotation, -0)) rotation = 0;
    const cw = ((((-rotation) % 360) + 360) % 360) as 0 | 90 | 180 | 270;
    const width = num(s.width);
    const height = num(s.height);
    const swap = cw === 90 || cw === 270;
    const rFrameRate = s.r_frame_rate as string | undefined;
    const avgFrameRate = s.avg_frame_rate as string | undefined;
    const sar = s.sample_aspect_ratio as string | undefined;
    return {
      index: Number(s.index),
      codec_type: String(s.codec_type),
      codec_name: s.codec_name as string | undefined,
      codec_tag_string: s.codec_tag_string as string | undefined,
      profile: s.profile as string | undefined,
      pix_fmt: s.pix_fmt as string | undefined,
      width,
      height,
      display_width: swap ? height : width,
      display_height: swap ? width : height,
      sample_aspect_ratio: sar && sar !== '0:1' && sar !== 'N/A' ? sar : undefined,
      display_aspect_ratio: s.display_aspect_ratio as string | undefined,
      r_frame_rate: rFrameRate,
      avg_frame_rate: avgFrameRate,
      r_fps: rate(rFrameRate),
      avg_fps: rate(avgFrameRate),
      time_base: s.time_base as string | undefined,
      color_space: s.color_space as string | undefined,
      color_primaries: s.color_primaries as string | undefined,
      color_transfer: s.color_transfer as string | undefined,
      color_range: s.color_range as string | undefined,
      field_order: s.field_order as string | undefined,
      sample_rate: num(s.sample_rate),
      channels: num(s.channels),
      channel_layout: s.channel_layout as string | undefined,
      duration: num(s.duration) ?? tagDuration(tags),
      start_time: num(s.start_time),
      bit_rate: num(s.bit_rate),
      nb_frames: num(s.nb_frames),
      nb_read_frames: num(s.nb_read_frames),
      rotation,
      rotate_cw: cw,
      side_data: sideData,
      disposition: (s.disposition as Record<string, number> | undefined) ?? {},
      tags,
    };
  });
  const f = json.format ?? {};
  return {
    file,
    streams,
    video: streams.filter((s) => s.codec_type === 'video'),
    audio: streams.filter((s) => s.codec_type === 'audio'),
    subtitle: streams.filter((s) => s.codec_type === 'subtitle'),
    data: streams.filter((s) => s.codec_type === 'data'),
    format: {
      format_name: String(f.format_name ?? ''),
      format_long_name: f.format_long_name as string | undefined,
      duration: num(f.duration),
      start_time: num(f.start_time),
      size: num(f.size),
      bit_rate: num(f.bit_rate),
      nb_streams: Number(f.nb_streams ?? streams.length),
      tags: (f.tags as Record<string, string> | undefined) ?? {},
    },
  };
}

/**
 * Presentation timestamps (seconds) of every video packet of the first video stream, in order.
 * Handy to check frame pacing (constant vs variable frame rate).
 */
export async function videoTimestamps(file: string): Promise<number[]> {
  const res = await ffprobe([
    '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', '-i', file,
  ]);
  return res.stdout
    .toString('utf8')
    .split('\n')
    .map((l) => l.trim().replace(/,$/, ''))
    .filter((l) => l !== '' && l !== 'N/A')
    .map(Number)
    .sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// measureLoudness

export interface Loudness {
  /** Integrated loudness in LUFS; -Infinity for digital silence (ebur128 reports -70.0 for gated-out input). */
  integrated: number;
  /** True peak in dBTP (dBFS); -Infinity for digital silence. */
  truePeak: number;
  /** Loudness range in LU. */
  lra: number;
}

export interface LoudnessOptions {
  /** Audio stream index among audio streams (default 0). */
  stream?: number;
}

/**
 * EBU R128 integrated loudness and true peak of one audio stream, via ffmpeg's `ebur128=peak=true`.
 * Digital silence (and anything below the -70 LUFS absolute gate) gives -Infinity.
 */
export async function measureLoudness(file: string, options: LoudnessOptions = {}): Promise<Loudness> {
  const res = await ffmpeg(
    ['-nostats', '-i', file, '-map', `0:a:${options.stream ?? 0}`, '-vn', '-sn', '-dn',
      '-af', 'ebur128=peak=true', '-f', 'null', '-'],
    { timeoutMs: 300_000 },
  );
  return parseEbur128Summary(res.stderr);
}

/** Parses the "Summary:" block ffmpeg's ebur128 filter prints at the end. Exported for tests. */
export function parseEbur128Summary(stderr: string): Loudness {
  const at = stderr.lastIndexOf('Summary:');
  if (at < 0) throw new Error(`no ebur128 summary in ffmpeg output:\n${tail(stderr)}`);
  const summary = stderr.slice(at);
  const value = (re: RegExp): number => {
    const m = re.exec(summary);
    if (!m || m[1] === undefined) throw new Error(`cannot parse ebur128 summary (${re}):\n${summary}`);
    const v = m[1].toLowerCase();
    if (v === '-inf' || v === '-nan' || v === 'nan' || v === 'inf') return Number.NEGATIVE_INFINITY;
    return Number(v);
  };
  let integrated = value(/I:\s+(-?[\d.]+|-?inf|-?nan)\s+LUFS/i);
  const truePeak = value(/Peak:\s+(-?[\d.]+|-?inf|-?nan)\s+dBFS/i);
  const lra = value(/LRA:\s+(-?[\d.]+|-?inf|-?nan)\s+LU/i);
  // ebur128 prints -70.0 when every block falls under the absolute gate (silence).
  if (integrated <= -70) integrated = Number.NEGATIVE_INFINITY;
  return { integrated, truePeak, lra: Number.isFinite(lra) ? lra : 0 };
}

// ---------------------------------------------------------------------------------------------
// Frames and pixels

export interface ExtractFrameOptions {
  /** Apply the display rotation like a player does (ffmpeg's default). Default true. */
  autorotate?: boolean;
}

/**
 * The frame shown at `seconds` (relative to the file's start), like a player paused there: the
 * last frame whose timestamp is ≤ `seconds` (ffmpeg's own `-ss` would give the first frame at or
 * after it). Returned as an 8-bit RGB PNG at the stream's full coded size (rotated upright by
 * default; the sample aspect ratio is NOT applied), and written to `outPng` when given. Throws
 * when no frame is shown at that time (past the end).
 */
export async function extractFrame(
  file: string,
  seconds: number,
  outPng?: string,
  options: ExtractFrameOptions = {},
): Promise<Buffer> {
  const at = await shownFrameTime(file, seconds);
  const args: string[] = ['-v', 'error'];
  if (options.autorotate === false) args.push('-noautorotate');
  // Accurate input seek to just before the frame's own timestamp selects exactly that frame.
  if (at > 0.001) args.push('-ss', (at - 0.0005).toFixed(6));
  args.push('-i', file, '-map', '0:v:0', '-frames:v', '1',
    '-pix_fmt', 'rgb24', '-c:v', 'png', '-f', 'image2pipe', '-');
  const res = await ffmpeg(args, { timeoutMs: 120_000 });
  if (res.stdout.length === 0) throw new Error(`no frame at ${seconds}s in ${file}`);
  if (outPng) await writeFile(outPng, res.stdout);
  return res.stdout;
}

/** Timestamp (relative to the file start) of the video frame shown at `seconds`. */
async function shownFrameTime(file: string, seconds: number): Promise<number> {
  // No seek at all from 0 (some demuxers, e.g. image2, return nothing after a seek).
  const from = Math.max(0, seconds - 3);
  const res = await ffprobe(['-v', 'error', '-select_streams', 'v:0', '-read_intervals', `${from > 0 ? from.toFixed(6) : ''}%${(seconds + 2).toFixed(6)}`,
    '-show_entries', 'frame=pts_time,best_effort_timestamp_time,pkt_duration_time,duration_time:format=start_time',
    '-print_format', 'json', '-i', file], { timeoutMs: 120_000 });
  const json = JSON.parse(res.stdout.toString('utf8')) as {
    frames?: Array<Record<string, string | undefined>>;
    format?: { start_time?: string };
  };
  const start = num(json.format?.start_time) ?? 0;
  const frames = (json.frames ?? [])
    .map((f) => ({
      t: (num(f.pts_time) ?? num(f.best_effort_timestamp_time) ?? Number.NaN) - start,
      d: num(f.duration_time) ?? num(f.pkt_duration_time) ?? 0,
    }))
    .filter((f) => Number.isFinite(f.t))
    .sort((a, b) => a.t - b.t);
  if (frames.length === 0) throw new Error(`no frame at ${seconds}s in ${file}`);
  let shown = frames[0]!;
  for (const f of frames) if (f.t <= seconds + 1e-4) shown = f;
  const last = frames[frames.length - 1]!;
  if (shown === last && seconds > last.t + Math.max(last.d, 1e-3) + 1e-4 && !(frames.length === 1 && last.d === 0 && seconds === 0)) {
    throw new Error(`no frame at ${seconds}s in ${file} (last frame at ${last.t.toFixed(3)}s)`);
  }
  return shown.t;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function rgbPixels(img: Buffer, rect?: Rect): Promise<{ data: Buffer; width: number; height: number }> {
  const meta = await sharp(img).metadata();
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  let pipeline = sharp(img);
  if (rect) {
    if (rect.x < 0 || rect.y < 0 || rect.width <= 0 || rect.height <= 0 || rect.x + rect.width > w || rect.y + rect.height > h) {
      throw new Error(`rect ${JSON.stringify(rect)} is outside the ${w}×${h} image`);
    }
    pipeline = pipeline.extract({ left: rect.x, top: rect.y, width: rect.width, height: rect.height });
  }
  // Composite onto nothing: just drop alpha and force 3 8-bit sRGB channels.
  const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
  return { data, width: info.width, height: info.height };
}

/** Mean absolute per-channel (R, G, B) difference, 0..255, between two images inside `rect`. */
export async function regionDifference(a: Buffer, b: Buffer, rect: Rect): Promise<number> {
  const [pa, pb] = await Promise.all([rgbPixels(a, rect), rgbPixels(b, rect)]);
  if (pa.data.length !== pb.data.length) throw new Error('regions differ in size');
  let sum = 0;
  for (let i = 0; i < pa.data.length; i++) sum += Math.abs(pa.data[i]! - pb.data[i]!);
  return sum / pa.data.length;
}

/** Mean colour (0..255 per channel) of an image, or of `rect` in it. */
export async function meanColour(png: Buffer, rect?: Rect): Promise<{ r: number; g: number; b: number }> {
  const { data } = await rgbPixels(png, rect);
  let r = 0;
  let g = 0;
  let b = 0;
  for (let i = 0; i < data.length; i += 3) {
    r += data[i]!;
    g += data[i + 1]!;
    b += data[i + 2]!;
  }
  const n = data.length / 3;
  return { r: r / n, g: g / n, b: b / n };
}

/** Width and height of an image buffer. */
export async function imageSize(img: Buffer): Promise<{ width: number; height: number }> {
  const m = await sharp(img).metadata();
  return { width: m.width ?? 0, height: m.height ?? 0 };
}
