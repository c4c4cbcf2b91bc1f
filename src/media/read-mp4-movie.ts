// What an MP4 or MOV file's movie box (moov, ISO/IEC 14496-12) declares: its duration and, per
// track, the handler, codec, picture size, length and sample count. Read by walking the boxes (a
// few small reads to find the moov wherever it sits, then the moov alone), no ffprobe: checking a
// finished render or counting a segment's frames this way saves an ffprobe start (~0.1 s) each.
import { open, type FileHandle } from 'node:fs/promises';

export interface Mp4Track {
  /** The handler: `vide`, `soun`, `text`, … */
  handler: string;
  /** ffprobe's codec name where promo knows it (h264, hevc, aac, mp3), else the sample entry's four characters. */
  codec: string;
  /** Coded picture size from the visual sample entry (0 for other tracks). */
  width: number;
  height: number;
  /**
   * Seconds, as ffmpeg's demuxer gives a stream's duration: the media's (mdhd), or the edit
   * list's when that is shorter (an AAC track's priming, cut by its edit).
   */
  duration: number;
  /** Samples (frames, for video) in the sample size box. */
  samples: number;
  /** Ticks a second of the track's own times (its mdhd; ffprobe's stream time_base is 1 over it). */
  timescale: number;
  /**
   * Each sample's presentation time in ticks, in decode order, as ffmpeg's demuxer gives its
   * packets' pts (decode time plus composition offset, less the edit's media time, so a B-frame
   * track's first picture is at 0). Undefined unless the track has no edit list or one plain edit
   * (an empty edit, a rate other than 1 or several edits are ffmpeg's to interpret). Video tracks
   * only: ffmpeg gives an AAC track's priming packets times of its own.
   */
  pts?: number[];
  /**
   * Seconds where ffmpeg starts the track (its stream start_time): a video track's first
   * presentation time; 0 for another track with no edit list or one plain edit (an AAC track's
   * priming is skipped, not timed before 0); undefined when its edits are not that plain.
   */
  start?: number;
}

export interface Mp4Movie {
  /** Seconds the movie header declares. */
  duration: number;
  tracks: Mp4Track[];
}

/** Largest moov read into memory (a 1-hour 60 fps take's sample tables are a few MB). */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;

interface Box {
  type: string;
  body: number;
  end: number;
}

/** The movie box of the MP4/MOV at `path`, or undefined when it has none (not an MP4, cut short, fragmented). */
export async function readMp4Movie(path: string): Promise<Mp4Movie | undefined> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const { size } = await file.stat();
    const moov = await findTopBox(file, size, 'moov');
    if (!moov || moov.end - moov.body > MAX_MOOV_BYTES) return undefined;
    const body = Buffer.alloc(moov.end - moov.body);
    const { bytesRead } = await file.read(body, 0, body.length, moov.body);
    if (bytesRead !== body.length) return undefined;
    return parseMoov(body);
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}

async function findTopBox(file: FileHandle, size: number, type: string): Promise<Box | undefined> {
  let at = 0;
  const head = Buffer.alloc(16);
  while (at + 8 <= size) {
    const { bytesRead } = await file.read(head, 0, 16, at);
    if (bytesRead < 8) return undefined;
    const box = boxAt(head, 0, size - at, bytesRead);
    if (!box) return undefined;
    if (box.type === type) return { type, body: at + box.body, end: at + box.end };
    at += box.end;
  }
  return undefined;
}

/** The box starting at `at` of `buffer` (offsets relative to `at`'s base), within `limit` bytes. */
function boxAt(buffer: Buffer, at: number, limit: number, available = buffer.length - at): Box | undefined {
  if (available < 8 || limit < 8) return undefined;
  let size = buffer.readUInt32BE(at);
  let body = 8;
  if (size === 1) {
    if (available < 16) return undefined;
    size = Number(buffer.readBigUInt64BE(at + 8));
    body = 16;
  } else if (size === 0) {
    size = limit;
  }
  if (size < body || size > limit) return undefined;
  return { type: buffer.toString('latin1', at + 4, at + 8), body, end: size };
}

/** The child boxes of `buffer[start, end)`, in order. */
function children(buffer: Buffer, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let at = start;
  while (at + 8 <= end) {
    const box = boxAt(buffer, at, end - at);
    if (!box) break;
    boxes.push({ type: box.type, body: at + box.body, end: at + box.end });
    at += box.end;
  }
  return boxes;
}

function child(buffer: Buffer, parent: Box | undefined, type: string): Box | undefined {
  return parent ? children(buffer, parent.body, parent.end).find((box) => box.type === type) : undefined;
}

function parseMoov(moov: Buffer): Mp4Movie | undefined {
  const top = children(moov, 0, moov.length);
  const mvhd = top.find((box) => box.type === 'mvhd');
  if (!mvhd) return undefined;
  const header = readHeader(moov, mvhd);
  if (!header) return undefined;
  const tracks = top.filter((box) => box.type === 'trak').flatMap((trak) => {
    const track = parseTrak(moov, trak, header.timescale);
    return track ? [track] : [];
  });
  return { duration: header.duration / header.timescale, tracks };
}

/** mvhd or mdhd: version 1 has 64-bit times and duration. */
function readHeader(buffer: Buffer, box: Box): { timescale: number; duration: number } | undefined {
  const v1 = buffer[box.body] === 1;
  if (box.end - box.body < (v1 ? 32 : 20)) return undefined;
  const timescale = buffer.readUInt32BE(box.body + (v1 ? 20 : 12));
  const duration = v1 ? Number(buffer.readBigUInt64BE(box.body + 24)) : buffer.readUInt32BE(box.body + 16);
  return timescale > 0 ? { timescale, duration } : undefined;
}

function parseTrak(moov: Buffer, trak: Box, movieTimescale: number): Mp4Track | undefined {
  const mdia = child(moov, trak, 'mdia');
  const mdhd = child(moov, mdia, 'mdhd');
  const hdlr = child(moov, mdia, 'hdlr');
  const stbl = child(moov, child(moov, mdia, 'minf'), 'stbl');
  const media = mdhd && readHeader(moov, mdhd);
  if (!media || !hdlr || !stbl || hdlr.end - hdlr.body < 12) return undefined;
  const handler = moov.toString('latin1', hdlr.body + 8, hdlr.body + 12);
  const elst = child(moov, child(moov, trak, 'edts'), 'elst');
  let duration = media.duration / media.timescale;
  const edited = editDuration(moov, elst, movieTimescale);
  if (edited !== undefined && edited < duration) duration = edited;
  const shift = plainEditStart(moov, elst);
  const pts = handler === 'vide' && shift !== undefined ? presentationTimes(moov, stbl, shift) : undefined;
  const entry = sampleEntry(moov, child(moov, stbl, 'stsd'));
  const visual = handler === 'vide' && entry && entry.end - entry.body >= 28;
  return {
    handler,
    codec: entry ? codecName(moov, entry) : 'none',
    width: visual ? moov.readUInt16BE(entry.body + 24) : 0,
    height: visual ? moov.readUInt16BE(entry.body + 26) : 0,
    duration,
    samples: sampleCount(moov, child(moov, stbl, 'stsz') ?? child(moov, stbl, 'stz2')),
    timescale: media.timescale,
    pts,
    start: handler === 'vide' ? firstTime(pts, media.timescale) : shift === undefined ? undefined : 0,
  };
}

/** Seconds of the earliest of `pts`, undefined when there are none. */
function firstTime(pts: readonly number[] | undefined, timescale: number): number | undefined {
  return pts?.length ? pts.reduce((a, b) => Math.min(a, b)) / timescale : undefined;
}

/** Each sample's pts in ticks, decode order, less the plain edit's media time `shift`. */
function presentationTimes(buffer: Buffer, stbl: Box, shift: number): number[] | undefined {
  const deltas = runs(buffer, child(buffer, stbl, 'stts'));
  if (!deltas) return undefined;
  const offsets = runs(buffer, child(buffer, stbl, 'ctts'))?.flatMap(({ count, value }) => Array<number>(count).fill(value));
  const pts: number[] = [];
  let dts = 0;
  for (const { count, value } of deltas) {
    for (let i = 0; i < count; i++) {
      pts.push(dts + (offsets?.[pts.length] ?? 0) - shift);
      dts += value;
    }
  }
  return pts;
}

/** The media time where a plain edit list (none, or one edit at rate 1) starts: 0 without one. */
function plainEditStart(buffer: Buffer, elst: Box | undefined): number | undefined {
  if (!elst) return 0;
  if (elst.end - elst.body < 8 || buffer.readUInt32BE(elst.body + 4) !== 1) return undefined;
  const v1 = buffer[elst.body] === 1;
  const at = elst.body + 8;
  if (at + (v1 ? 20 : 12) > elst.end) return undefined;
  const mediaTime = v1 ? Number(buffer.readBigInt64BE(at + 8)) : buffer.readInt32BE(at + 4);
  const rate = buffer.readInt16BE(at + (v1 ? 16 : 8));
  return mediaTime >= 0 && rate === 1 ? mediaTime : undefined;
}

/** A time-to-sample (stts) or composition offset (ctts) table: runs of `count` samples with one value. */
function runs(buffer: Buffer, box: Box | undefined): { count: number; value: number }[] | undefined {
  if (!box || box.end - box.body < 8) return undefined;
  const entries = buffer.readUInt32BE(box.body + 4);
  if (box.body + 8 + entries * 8 > box.end) return undefined;
  return Array.from({ length: entries }, (_, i) => {
    const at = box.body + 8 + i * 8;
    // Composition offsets are signed in version 1; writers put negative ones in version 0 too.
    return { count: buffer.readUInt32BE(at), value: box.type === 'ctts' ? buffer.readInt32BE(at + 4) : buffer.readUInt32BE(at + 4) };
  });
}

/** Seconds the edit list plays (its entries' durations, in the movie's timescale; empty edits included). */
function editDuration(buffer: Buffer, elst: Box | undefined, timescale: number): number | undefined {
  if (!elst || elst.end - elst.body < 8) return undefined;
  const v1 = buffer[elst.body] === 1;
  const count = buffer.readUInt32BE(elst.body + 4);
  const size = v1 ? 20 : 12;
  if (count === 0 || elst.body + 8 + count * size > elst.end) return undefined;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const at = elst.body + 8 + i * size;
    total += v1 ? Number(buffer.readBigUInt64BE(at)) : buffer.readUInt32BE(at);
  }
  return total / timescale;
}

function sampleEntry(buffer: Buffer, stsd: Box | undefined): Box | undefined {
  if (!stsd || stsd.end - stsd.body < 8 || buffer.readUInt32BE(stsd.body + 4) < 1) return undefined;
  return children(buffer, stsd.body + 8, stsd.end)[0];
}

function codecName(buffer: Buffer, entry: Box): string {
  switch (entry.type) {
    case 'avc1': case 'avc3': return 'h264';
    case 'hvc1': case 'hev1': return 'hevc';
    case 'mp4a': {
      // The elementary stream descriptor's object type: 0x40 AAC, 0x69/0x6B MPEG audio (mp3).
      // A QuickTime sound description of version 1 or 2 is 16 or 36 bytes longer, and may hold the
      // esds in a wave box.
      const version = entry.end - entry.body >= 10 ? buffer.readUInt16BE(entry.body + 8) : 0;
      const boxes = children(buffer, entry.body + 28 + (version === 1 ? 16 : version === 2 ? 36 : 0), entry.end);
      const wave = boxes.find((box) => box.type === 'wave');
      const esds = [...boxes, ...(wave ? children(buffer, wave.body, wave.end) : [])].find((box) => box.type === 'esds');
      const type = esds ? objectType(buffer, esds) : undefined;
      if (type === 0x40 || type === 0x66 || type === 0x67 || type === 0x68) return 'aac';
      if (type === 0x69 || type === 0x6b) return 'mp3';
      return 'mp4a';
    }
    default: return entry.type;
  }
}

/** The DecoderConfigDescriptor's objectTypeIndication inside an esds box (ISO/IEC 14496-1 §7.2.6). */
function objectType(buffer: Buffer, esds: Box): number | undefined {
  let at = esds.body + 4;
  const descriptor = (tag: number): boolean => {
    if (at >= esds.end || buffer[at] !== tag) return false;
    at++;
    // The size: up to four bytes, seven bits each, the top bit saying another follows.
    for (let i = 0; i < 4 && at < esds.end; i++) if ((buffer[at++]! & 0x80) === 0) break;
    return true;
  };
  if (!descriptor(0x03)) return undefined;
  const flags = buffer[at + 2] ?? 0;
  at += 3 + (flags & 0x80 ? 2 : 0);
  if (flags & 0x40) at += 1 + (buffer[at] ?? 0);
  if (flags & 0x20) at += 2;
  return descriptor(0x04) && at < esds.end ? buffer[at] : undefined;
}

function sampleCount(buffer: Buffer, box: Box | undefined): number {
  if (!box || box.end - box.body < 12) return 0;
  return buffer.readUInt32BE(box.body + 8);
}
