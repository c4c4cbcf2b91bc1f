// Test footage made on demand with the bundled ffmpeg and sharp, cached in test/.work/fixtures/.
//
// Every file name encodes the parameters that made it (plus FIXTURE_VERSION), so test files
// running in parallel processes share fixtures safely: a fixture is written under a temporary
// name in the same folder and renamed into place when complete, and an existing final name is
// always a complete file.
//
// Picture conventions (so tests can check orientation and scaling):
// - The picture *as displayed* (after applying rotation metadata / EXIF orientation) has a pure
//   red block in its top-left corner and a pure green block in its bottom-right corner (each 1/6
//   of the width and height), over a moving greyscale testsrc2 pattern (videos) or a
//   blue→orange gradient with a white disc (stills). The markers are the only saturated red and
//   green, so a rotated, flipped or mirrored result is easy to detect.
// - `width`/`height` of makeVideo are the CODED size, as ffprobe reports it. With rotate 90/270
//   the displayed picture is height×width.
// - `width`/`height` of makeStill are the DISPLAYED size (after EXIF orientation).
//
// Audio conventions: tones, a different frequency per channel, calibrated to `loud` LUFS
// (default -20): mono 550 Hz; stereo L 440 / R 660 Hz; 5.1 FL 440, FR 660, FC 550, LFE 60,
// BL 330, BR 880 Hz; two-tracks = a stereo track (440/660) and a mono track (880 Hz).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

type SharpImg = ReturnType<typeof sharp>;
import { ffmpeg, parseEbur128Summary } from './media-assert.ts';

/** Bump when a generator changes so stale cached fixtures are not reused. */
export const FIXTURE_VERSION = 3;

const here = dirname(fileURLToPath(import.meta.url));
/** test/.work/fixtures (override with PROMO_FIXTURES_DIR). */
export const FIXTURES_DIR = resolve(process.env.PROMO_FIXTURES_DIR ?? join(here, '..', '.work', 'fixtures'));

/** Absolute path of `name` inside the fixtures folder (created if needed; `name` may contain '/'). */
export function fixturePath(name: string): string {
  const p = join(FIXTURES_DIR, name);
  if (!p.startsWith(FIXTURES_DIR + sep)) throw new Error(`fixture name escapes the fixtures folder: ${name}`);
  mkdirSync(dirname(p), { recursive: true });
  return p;
}

// ---------------------------------------------------------------------------------------------
// Cache plumbing

const inFlight = new Map<string, Promise<string>>();

/**
 * Returns `final` if it exists; otherwise runs `make(tmp)` to write a temporary file in the same
 * folder and renames it to `final`. Concurrent callers in this process share one promise; other
 * processes may build the same fixture in parallel, and the last rename wins (same content).
 */
export function cached(final: string, make: (tmp: string) => Promise<void>): Promise<string> {
  const pending = inFlight.get(final);
  if (pending) return pending;
  const p = (async () => {
    if (existsSync(final)) return final;
    await mkdir(dirname(final), { recursive: true });
    const base = final.slice(dirname(final).length + 1);
    const dot = base.lastIndexOf('.');
    const ext = dot > 0 ? base.slice(dot) : '';
    const tmp = join(dirname(final), `.tmp-${process.pid}-${randomBytes(4).toString('hex')}${ext}`);
    try {
      await make(tmp);
      await rename(tmp, final);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return final;
  })();
  inFlight.set(final, p);
  p.catch(() => inFlight.delete(final));
  return p;
}

function shortHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Videos

export type AudioKind = 'none' | 'mono' | 'stereo' | '5.1' | 'two-tracks' | 'silent';

export interface VideoOptions {
  /** Coded width (default 640). Odd sizes are encoded as yuv444p (x264 High 4:4:4). */
  width?: number;
  /** Coded height (default 360). */
  height?: number;
  /** Frames per second (default 30); the nominal rate when `vfr`. */
  fps?: number;
  /** Seconds (default 2). */
  duration?: number;
  /** Default 'stereo'. */
  audio?: AudioKind;
  /** Audio sample rate (default 48000). */
  sampleRate?: number;
  /** Default 'h264' (libx264 veryfast); 'hevc' is libx265 ultrafast tagged hvc1. */
  codec?: 'h264' | 'hevc';
  /** Clockwise display rotation written as an mp4/mov display matrix (like a phone). Default 0. */
  rotate?: 0 | 90 | 180 | 270;
  /** Sample aspect ratio, e.g. '4:3' (default square pixels). */
  sar?: string;
  /** Variable frame rate: timestamps jittered around the nominal rate (90 kHz time base). */
  vfr?: boolean;
  /** Adds a subtitle stream and a data stream (mp4/mov: mov_text + tmcd timecode; mkv: srt + an attachment). */
  extraStreams?: boolean;
  /** Default 'mp4'. */
  container?: 'mp4' | 'mov' | 'mkv';
  /** Exact file name to use (kept verbatim; placed in a folder keyed by the other options). */
  name?: string;
  /** Approximate integrated loudness of each audio track in LUFS (default -20). */
  loud?: number;
  /** Write the moov atom first (-movflags +faststart). Default false. */
  faststart?: boolean;
}

interface ResolvedVideo {
  width: number;
  height: number;
  fps: number;
  duration: number;
  audio: AudioKind;
  sampleRate: number;
  codec: 'h264' | 'hevc';
  rotate: 0 | 90 | 180 | 270;
  sar: string;
  vfr: boolean;
  extraStreams: boolean;
  container: 'mp4' | 'mov' | 'mkv';
  loud: number;
  faststart: boolean;
}

function resolveVideo(o: VideoOptions): ResolvedVideo {
  const r: ResolvedVideo = {
    width: o.width ?? 640,
    height: o.height ?? 360,
    fps: o.fps ?? 30,
    duration: o.duration ?? 2,
    audio: o.audio ?? 'stereo',
    sampleRate: o.sampleRate ?? 48000,
    codec: o.codec ?? 'h264',
    rotate: o.rotate ?? 0,
    sar: (o.sar ?? '1:1').replace('/', ':'),
    vfr: o.vfr ?? false,
    extraStreams: o.extraStreams ?? false,
    container: o.container ?? 'mp4',
    loud: o.loud ?? -20,
    faststart: o.faststart ?? false,
  };
  if (!Number.isInteger(r.width) || !Number.isInteger(r.height) || r.width < 16 || r.height < 16) {
    throw new Error(`bad fixture size ${r.width}×${r.height}`);
  }
  if (!/^\d+:\d+$/.test(r.sar)) throw new Error(`bad sar ${r.sar}`);
  if (r.rotate !== 0 && r.container === 'mkv') throw new Error('rotation metadata needs mp4 or mov');
  if (r.duration <= 0 || r.duration > 30) throw new Error(`bad fixture duration ${r.duration}`);
  return r;
}

function videoKey(r: ResolvedVideo): string {
  const parts = [
    `v${FIXTURE_VERSION}`,
    `${r.width}x${r.height}`,
    `${r.fps}fps`,
    `${r.duration}s`,
    r.codec,
    `a-${r.audio.replace('.', '')}`,
  ];
  if (r.audio !== 'none' && r.audio !== 'silent') parts.push(`loud${Math.round(r.loud * 10) / 10}`);
  if (r.audio !== 'none' && r.sampleRate !== 48000) parts.push(`${r.sampleRate}hz`);
  if (r.rotate) parts.push(`rot${r.rotate}`);
  if (r.sar !== '1:1') parts.push(`sar${r.sar.replace(':', '_')}`);
  if (r.vfr) parts.push('vfr');
  if (r.extraStreams) parts.push('extra');
  if (r.faststart) parts.push('faststart');
  return parts.join('-');
}

const AUDIO_TONES = {
  mono: { layout: 'mono', freqs: [550] },
  /** The second track of 'two-tracks'. */
  mono880: { layout: 'mono', freqs: [880] },
  stereo: { layout: 'stereo', freqs: [440, 660] },
  '5.1': { layout: '5.1', freqs: [440, 660, 550, 60, 330, 880] },
} as const satisfies Record<string, { layout: string; freqs: readonly number[] }>;

/** aevalsrc expression for a tone bed: each channel its own frequency with a gentle tremolo. */
function toneSource(kind: keyof typeof AUDIO_TONES, sampleRate: number, duration: number): string {
  const { layout, freqs } = AUDIO_TONES[kind];
  // Amplitude 0.25 with a slow 3 Hz ±20% tremolo: audible, steady loudness, never clips.
  const exprs = freqs.map((f) => `0.25*(1+0.2*sin(2*PI*3*t))*sin(2*PI*${f}*t)`);
  return `aevalsrc=${exprs.join('|')}:c=${layout}:s=${sampleRate}:d=${duration}`;
}

const gainCache = new Map<string, Promise<number>>();

/** dB to add to toneSource(kind) to reach `target` LUFS (measured once per kind and rate). */
function gainFor(kind: keyof typeof AUDIO_TONES, sampleRate: number, target: number): Promise<number> {
  const key = `${kind}@${sampleRate}`;
  let measured = gainCache.get(key);
  if (!measured) {
    measured = (async () => {
      const res = await ffmpeg(['-nostats', '-f', 'lavfi', '-i', toneSource(kind, sampleRate, 4),
        '-af', 'ebur128=peak=true', '-f', 'null', '-']);
      return parseEbur128Summary(res.stderr).integrated;
    })();
    gainCache.set(key, measured);
  }
  return measured.then((lufs) => target - lufs);
}

function evenUp(n: number): number {
  return n % 2 === 0 ? n : n + 1;
}

/**
 * A short test video with the given properties (cached). Picture: testsrc2 with a red block in
 * the displayed top-left corner. See the file header for the audio tones.
 */
export function makeVideo(options: VideoOptions = {}): Promise<string> {
  const r = resolveVideo(options);
  const key = videoKey(r);
  const ext = r.container;
  if (options.name !== undefined && (options.name === '' || options.name.includes('/') || options.name.startsWith('.'))) {
    throw new Error(`fixture name must be a plain file name: ${options.name}`);
  }
  const final = options.name
    ? fixturePath(join('named', key, options.name))
    : fixturePath(`${key}.${ext}`);
  return cached(final, (tmp) => writeVideo(r, tmp));
}

async function writeVideo(r: ResolvedVideo, out: string): Promise<void> {
  const swap = r.rotate === 90 || r.rotate === 270;
  const dispW = swap ? r.height : r.width;
  const dispH = swap ? r.width : r.height;
  const odd = r.width % 2 === 1 || r.height % 2 === 1;
  const pixFmt = odd ? 'yuv444p' : 'yuv420p';

  const args: string[] = ['-y', '-v', 'error'];
  // Input 0: the picture, generated at an even size then cropped (testsrc2 rounds to even).
  args.push('-f', 'lavfi', '-i',
    `testsrc2=s=${evenUp(dispW)}x${evenUp(dispH)}:r=${r.fps}:d=${r.duration}`);

  const chain: string[] = [`format=${pixFmt}`];
  if (evenUp(dispW) !== dispW || evenUp(dispH) !== dispH) chain.push(`crop=${dispW}:${dispH}:0:0`);
  // Grey moving pattern with the only saturated colours in the two orientation markers.
  const bw = Math.max(2, Math.floor(dispW / 6));
  const bh = Math.max(2, Math.floor(dispH / 6));
  chain.push('hue=s=0',
    `drawbox=x=0:y=0:w=${bw}:h=${bh}:color=red:t=fill`,
    `drawbox=x=${dispW - bw}:y=${dispH - bh}:w=${bw}:h=${bh}:color=lime:t=fill`);
  // Store the displayed picture rotated the other way; the display matrix turns it back.
  if (r.rotate === 90) chain.push('transpose=cclock');
  else if (r.rotate === 270) chain.push('transpose=clock');
  else if (r.rotate === 180) chain.push('hflip', 'vflip');
  chain.push(`setsar=${r.sar.replace(':', '/')}`);
  if (r.vfr) {
    // Jitter each frame by up to ±40% of a frame (monotonic), on a fine time base.
    chain.push('settb=1/90000', `setpts='(N+0.4*sin(N*1.7)*gt(N,0))/${r.fps}/TB'`);
  }
  const graph: string[] = [`[0:v]${chain.join(',')}[v]`];
  const maps: string[] = ['-map', '[v]'];

  // Audio inputs.
  let nextInput = 1;
  const audioLabels: string[] = [];
  const addTone = async (kind: keyof typeof AUDIO_TONES): Promise<void> => {
    const gain = await gainFor(kind, r.sampleRate, r.loud);
    args.push('-f', 'lavfi', '-i', toneSource(kind, r.sampleRate, r.duration));
    const label = `a${audioLabels.length}`;
    graph.push(`[${nextInput}:a]volume=${gain.toFixed(3)}dB[${label}]`);
    audioLabels.push(label);
    nextInput++;
  };
  switch (r.audio) {
    case 'none':
      break;
    case 'silent':
      args.push('-f', 'lavfi', '-i', `anullsrc=cl=stereo:r=${r.sampleRate}`);
      graph.push(`[${nextInput}:a]atrim=duration=${r.duration}[a0]`);
      audioLabels.push('a0');
      nextInput++;
      break;
    case 'two-tracks':
      await addTone('stereo');
      await addTone('mono880');
      break;
    default:
      await addTone(r.audio);
  }
  for (const l of audioLabels) maps.push('-map', `[${l}]`);

  // Extra streams.
  let srtFile: string | undefined;
  let attachment: string | undefined;
  if (r.extraStreams) {
    srtFile = await makeSrt([
      { start: 0, end: Math.min(0.9, r.duration / 2), text: 'first subtitle' },
      { start: Math.min(1, r.duration / 2), end: r.duration, text: 'second subtitle' },
    ]);
    args.push('-i', srtFile);
    maps.push('-map', `${nextInput}:s`);
    nextInput++;
  }

  args.push('-filter_complex', graph.join(';'), ...maps);
  args.push('-t', String(r.duration));

  if (r.codec === 'h264') {
    args.push('-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-pix_fmt', pixFmt);
  } else {
    args.push('-c:v', 'libx265', '-preset', 'ultrafast', '-crf', '30', '-pix_fmt', pixFmt,
      '-x265-params', 'log-level=error');
    if (r.container !== 'mkv') args.push('-tag:v', 'hvc1');
  }
  args.push('-threads', '2', '-g', String(Math.max(1, Math.round(r.fps))));
  if (r.vfr) args.push('-vsync', 'vfr', '-enc_time_base', '1/90000');
  if (audioLabels.length > 0) args.push('-c:a', 'aac', '-b:a', '96k', '-ar', String(r.sampleRate));
  if (r.extraStreams) {
    if (r.container === 'mkv') {
      // Through cached(): a run beside this one never attaches a half-written (empty) file.
      attachment = await cached(fixturePath(`attachment-v${FIXTURE_VERSION}.txt`), (tmp) => writeFile(tmp, 'fixture attachment\n'));
      args.push('-c:s', 'srt', '-attach', attachment, '-metadata:s:t', 'mimetype=text/plain');
    } else {
      args.push('-c:s', 'mov_text', '-timecode', '00:00:00:00');
    }
  }
  args.push('-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact');
  if (r.faststart && r.container !== 'mkv') args.push('-movflags', '+faststart');
  args.push('-f', r.container === 'mkv' ? 'matroska' : r.container, out);
  await ffmpeg(args, { timeoutMs: 300_000 });
  if (r.rotate) await setDisplayRotation(out, r.rotate);
}

// ---------------------------------------------------------------------------------------------
// Display matrix (tkhd) patching
//
// The bundled ffmpeg 4.1 drops `-metadata:s:v rotate=` when encoding and writes the inverse
// matrix when stream copying, so the matrix is written here directly, exactly as phones do.

interface Box {
  type: string;
  start: number;
  headerSize: number;
  end: number;
}

function readBoxes(buf: Buffer, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let pos = start;
  while (pos + 8 <= end) {
    let size = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    let headerSize = 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(pos + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = end - pos;
    }
    if (size < headerSize || pos + size > end) break;
    boxes.push({ type, start: pos, headerSize, end: pos + size });
    pos += size;
  }
  return boxes;
}

/** Writes a clockwise display rotation into the video track's tkhd matrix of an mp4/mov file. */
export async function setDisplayRotation(file: string, rotateCw: 0 | 90 | 180 | 270): Promise<void> {
  const buf = await readFile(file);
  const moov = readBoxes(buf, 0, buf.length).find((b) => b.type === 'moov');
  if (!moov) throw new Error(`no moov box in ${file}`);
  let patched = false;
  for (const trak of readBoxes(buf, moov.start + moov.headerSize, moov.end).filter((b) => b.type === 'trak')) {
    const children = readBoxes(buf, trak.start + trak.headerSize, trak.end);
    const tkhd = children.find((b) => b.type === 'tkhd');
    const mdia = children.find((b) => b.type === 'mdia');
    if (!tkhd || !mdia) continue;
    const hdlr = readBoxes(buf, mdia.start + mdia.headerSize, mdia.end).find((b) => b.type === 'hdlr');
    if (!hdlr || buf.toString('latin1', hdlr.start + 16, hdlr.start + 20) !== 'vide') continue;
    const body = tkhd.start + tkhd.headerSize;
    const version = buf.readUInt8(body);
    const matrixAt = body + (version === 1 ? 52 : 40);
    const width = buf.readUInt32BE(matrixAt + 36) >>> 16;
    const height = buf.readUInt32BE(matrixAt + 40) >>> 16;
    const one = 0x10000;
    // [a b u; c d v; x y w], as ffmpeg's mov muxer writes for the legacy rotate tag.
    const m: Record<number, number[]> = {
      0: [one, 0, 0, one, 0, 0],
      90: [0, one, -one, 0, height * one, 0],
      180: [-one, 0, 0, -one, width * one, height * one],
      270: [0, -one, one, 0, 0, width * one],
    };
    const [a, b, c, d, x, y] = m[rotateCw]!;
    const values = [a, b, 0, c, d, 0, x, y, 0x40000000];
    values.forEach((v, i) => buf.writeInt32BE(v! | 0, matrixAt + i * 4));
    patched = true;
  }
  if (!patched) throw new Error(`no video track header found in ${file}`);
  await writeFile(file, buf);
}

// ---------------------------------------------------------------------------------------------
// Named variants the reliability table asks for.

export const VIDEO_PRESETS = {
  /** 3840×2160 HEVC (hvc1), 1 s, 30 fps. */
  hevc4k: { width: 3840, height: 2160, codec: 'hevc', duration: 1 },
  /** 1279×721 (odd), yuv444p. */
  oddSize: { width: 1279, height: 721, duration: 1 },
  /** 1440×1080 coded, SAR 4:3 → displays 16:9. */
  anamorphic: { width: 1440, height: 1080, sar: '4:3', duration: 1 },
  /** Jittered timestamps around 30 fps. */
  vfr: { vfr: true, duration: 2 },
  fps25: { fps: 25, duration: 2 },
  fps60: { fps: 60, duration: 1 },
  /** 1920×1080 coded with a rotate=90 display matrix: displays 1080×1920 portrait. Mono audio. */
  phonePortrait: { width: 1920, height: 1080, rotate: 90, audio: 'mono', duration: 2 },
  rotate180: { rotate: 180, duration: 1 },
  rotate270: { rotate: 270, duration: 1 },
  noAudio: { audio: 'none', duration: 1 },
  mono: { audio: 'mono', duration: 1 },
  surround51: { audio: '5.1', duration: 1 },
  twoTracks: { audio: 'two-tracks', duration: 1 },
  silent: { audio: 'silent', duration: 1 },
  extraStreams: { extraStreams: true, duration: 2 },
  mov: { container: 'mov', duration: 1 },
  mkv: { container: 'mkv', duration: 1 },
  mkvExtra: { container: 'mkv', extraStreams: true, duration: 1 },
  /** A file name with spaces, quotes, ';', '[x]', '%' and Chinese. */
  weirdName: { name: "it's [x] 50% ;茶.mp4", duration: 1 },
  /** Quiet (-30 LUFS) and loud (-10 LUFS) stereo for loudness normalisation. */
  quiet: { loud: -30, duration: 2 },
  loud: { loud: -10, duration: 2 },
} as const satisfies Record<string, VideoOptions>;

export type VideoPresetName = keyof typeof VIDEO_PRESETS;

/** makeVideo(VIDEO_PRESETS[name]) */
export function makePresetVideo(name: VideoPresetName): Promise<string> {
  return makeVideo(VIDEO_PRESETS[name]);
}

// ---------------------------------------------------------------------------------------------
// Stills

export interface StillOptions {
  /** Displayed width (after EXIF orientation). */
  width: number;
  /** Displayed height (after EXIF orientation). */
  height: number;
  format: 'jpg' | 'png' | 'webp';
  /**
   * EXIF orientation 1–8 (jpg, png and webp carry EXIF). The stored pixels are transformed so
   * that applying the orientation shows the canonical picture; with 5–8 the stored size is
   * height×width. Default: no EXIF at all.
   */
  orientation?: number;
}

/** The canonical (displayed) still as SVG: gradient, red block top-left, green block bottom-right. */
function stillSvg(w: number, h: number): string {
  const bw = Math.max(2, Math.floor(w / 6));
  const bh = Math.max(2, Math.floor(h / 6));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="#2050c0"/><stop offset="1" stop-color="#f0a030"/></linearGradient></defs>
  <rect width="${w}" height="${h}" fill="url(#g)"/>
  <circle cx="${w / 2}" cy="${h / 2}" r="${Math.min(w, h) / 4}" fill="#ffffff" fill-opacity="0.8"/>
  <rect x="0" y="0" width="${bw}" height="${bh}" fill="#ff0000"/>
  <rect x="${w - bw}" y="${h - bh}" width="${bw}" height="${bh}" fill="#00ff00"/>
</svg>`;
}

/** Stored pixels for an orientation: the inverse of the transform the orientation asks for. */
async function applyInverseOrientation(raw: Buffer, w: number, h: number, orientation: number): Promise<{ data: Buffer; width: number; height: number }> {
  const step = async (buf: Buffer, bw: number, bh: number, op: (s: SharpImg) => SharpImg) => {
    const { data, info } = await op(sharp(buf, { raw: { width: bw, height: bh, channels: 3 } })).raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  };
  let cur = { data: raw, width: w, height: h };
  const ops: Array<(s: SharpImg) => SharpImg> = {
    1: [],
    2: [(s: SharpImg) => s.flop()],
    3: [(s: SharpImg) => s.rotate(180)],
    4: [(s: SharpImg) => s.flip()],
    5: [(s: SharpImg) => s.rotate(90), (s: SharpImg) => s.flop()], // transpose (self-inverse)
    6: [(s: SharpImg) => s.rotate(270)],
    7: [(s: SharpImg) => s.rotate(90), (s: SharpImg) => s.flip()], // transverse (self-inverse)
    8: [(s: SharpImg) => s.rotate(90)],
  }[orientation] ?? [];
  for (const op of ops) cur = await step(cur.data, cur.width, cur.height, op);
  return cur;
}

/** A still image (cached); see StillOptions for the orientation convention. */
export function makeStill(options: StillOptions): Promise<string> {
  const { width, height, format } = options;
  const orientation = options.orientation;
  if (orientation !== undefined && (!Number.isInteger(orientation) || orientation < 1 || orientation > 8)) {
    throw new Error(`bad EXIF orientation ${orientation}`);
  }
  const name = `still-v${FIXTURE_VERSION}-${width}x${height}${orientation ? `-o${orientation}` : ''}.${format}`;
  return cached(fixturePath(name), async (tmp) => {
    const { data } = await sharp(Buffer.from(stillSvg(width, height))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const stored = await applyInverseOrientation(data, width, height, orientation ?? 1);
    let img = sharp(stored.data, { raw: { width: stored.width, height: stored.height, channels: 3 } });
    if (orientation !== undefined) img = img.withMetadata({ orientation });
    if (format === 'jpg') img = img.jpeg({ quality: 90 });
    else if (format === 'png') img = img.png();
    else img = img.webp({ quality: 90 });
    await img.toFile(tmp);
  });
}

// ---------------------------------------------------------------------------------------------
// Subtitles

export interface Cue {
  /** Seconds. */
  start: number;
  end: number;
  text: string;
}

function srtTime(t: number): string {
  const ms = Math.round(t * 1000);
  const hh = Math.floor(ms / 3_600_000);
  const mm = Math.floor(ms / 60_000) % 60;
  const ss = Math.floor(ms / 1000) % 60;
  const mmm = ms % 1000;
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(hh)}:${p(mm)}:${p(ss)},${p(mmm, 3)}`;
}

/** SRT text for cues (UTF-8, LF line ends, numbered from 1). */
export function formatSrt(cues: readonly Cue[]): string {
  return cues.map((c, i) => `${i + 1}\n${srtTime(c.start)} --> ${srtTime(c.end)}\n${c.text}\n`).join('\n');
}

/** Writes an .srt file for the cues (cached by content). */
export function makeSrt(cues: readonly Cue[]): Promise<string> {
  const text = formatSrt(cues);
  return cached(fixturePath(`srt-${shortHash(text)}.srt`), (tmp) => writeFile(tmp, text, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Broken and hostile files

export interface BrokenFiles {
  /** 0 bytes, named .mp4. */
  empty: string;
  /** 64 KiB of deterministic pseudo-random bytes, named .mp4. */
  garbage: string;
  /** A 3 s faststart mp4 cut to half its size: probes with its full duration, fails to decode the end. */
  truncated: string;
  /** Plain UTF-8 text named .mp4. */
  textFile: string;
  /** A file named x.mp4 that is really an HLS playlist listing `secret` (an MPEG-TS segment). */
  playlist: string;
  /** The local file the playlist makes ffmpeg open: a 1 s 320×240 solid magenta MPEG-TS clip. */
  secret: string;
}

let brokenPromise: Promise<BrokenFiles> | undefined;

/** The broken and hostile inputs (cached). */
export function makeBrokenFiles(): Promise<BrokenFiles> {
  brokenPromise ??= (async () => {
    const dir = `broken-v${FIXTURE_VERSION}`;
    const empty = await cached(fixturePath(`${dir}/empty.mp4`), (tmp) => writeFile(tmp, Buffer.alloc(0)));
    const garbage = await cached(fixturePath(`${dir}/garbage.mp4`), (tmp) => writeFile(tmp, pseudoRandomBytes(64 * 1024, 0x5eed)));
    const textFile = await cached(fixturePath(`${dir}/textfile.mp4`), (tmp) =>
      writeFile(tmp, 'This is not a video.\n这不是视频。\nJust some notes someone saved with the wrong name.\n', 'utf8'));
    const full = await makeVideo({ width: 640, height: 360, duration: 3, faststart: true });
    const truncated = await cached(fixturePath(`${dir}/truncated.mp4`), async (tmp) => {
      const size = (await stat(full)).size;
      const fh = await open(full, 'r');
      try {
        const half = Buffer.alloc(Math.floor(size / 2));
        await fh.read(half, 0, half.length, 0);
        await writeFile(tmp, half);
      } finally {
        await fh.close();
      }
    });
    const secret = await cached(fixturePath(`${dir}/hls/secret.ts`), (tmp) =>
      ffmpeg(['-y', '-v', 'error', '-f', 'lavfi', '-i', 'color=c=magenta:s=320x240:r=25:d=1',
        '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-threads', '1',
        '-fflags', '+bitexact', '-f', 'mpegts', tmp]).then(() => undefined));
    const playlist = await cached(fixturePath(`${dir}/hls/x.mp4`), (tmp) =>
      writeFile(tmp, [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-TARGETDURATION:1',
        '#EXT-X-MEDIA-SEQUENCE:0',
        '#EXTINF:1.0,',
        secret,
        '#EXT-X-ENDLIST',
        '',
      ].join('\n'), 'utf8'));
    return { empty, garbage, truncated, textFile, playlist, secret };
  })();
  brokenPromise.catch(() => {
    brokenPromise = undefined;
  });
  return brokenPromise;
}

/** Deterministic bytes (xorshift32). */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
