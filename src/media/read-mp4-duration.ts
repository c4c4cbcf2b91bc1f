// The duration an MP4 or MOV file declares in its movie header (moov/mvhd, ISO/IEC 14496-12
// §8.2.2), read by walking the boxes: a few small reads wherever the moov sits, no ffprobe (the
// channel drivers that need it run where no ffmpeg engine is configured).
import { open, type FileHandle } from 'node:fs/promises';

/** Seconds the movie header of the MP4/MOV at `path` declares, or undefined when it has none. */
export async function readMp4Duration(path: string): Promise<number | undefined> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const moov = await findBox(file, 0, size, 'moov');
    if (!moov) return undefined;
    const mvhd = await findBox(file, moov.body, moov.end, 'mvhd');
    if (!mvhd) return undefined;
    const header = await readAt(file, mvhd.body, 32);
    // version 1: 64-bit creation/modification times and duration.
    const v1 = header[0] === 1;
    const timescale = header.readUInt32BE(v1 ? 20 : 12);
    const duration = v1 ? Number(header.readBigUInt64BE(24)) : header.readUInt32BE(16);
    return timescale > 0 ? duration / timescale : undefined;
  } catch {
    // Not an MP4 (or cut short): no duration to tell.
    return undefined;
  } finally {
    await file.close();
  }
}

async function findBox(file: FileHandle, start: number, end: number, type: string): Promise<{ body: number; end: number } | undefined> {
  let at = start;
  while (at + 8 <= end) {
    const head = await readAt(file, at, 16);
    let size = head.readUInt32BE(0);
    let body = at + 8;
    if (size === 1) {
      size = Number(head.readBigUInt64BE(8));
      body = at + 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < body - at) return undefined;
    if (head.toString('latin1', 4, 8) === type) return { body, end: at + size };
    at += size;
  }
  return undefined;
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead < 8) throw new Error('short read');
  return buffer;
}
