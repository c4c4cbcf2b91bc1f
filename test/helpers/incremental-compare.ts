// What the incremental re-render tests compare: the kept segment files (by inode: a file written
// again gets a new one), the packets as stored, PSNR against a whole render and the decoded audio.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ffmpeg, probeFile } from './media-assert.ts';

/** The kept segment (or audio, or cover) files in `<out>/.promo/segments/` and their inodes. */
export async function keptSegments(out: string, ext = '.mp4'): Promise<Map<string, number>> {
  const dir = join(out, '.promo', 'segments');
  const names = (await readdir(dir)).filter((name) => name.endsWith(ext));
  return new Map(await Promise.all(names.map(async (name) => [name, (await stat(join(dir, name))).ino] as const)));
}

/** MD5 of every video packet as stored (stream copy, nothing decoded). */
export async function packetHashes(file: string): Promise<string[]> {
  const { stdout } = await ffmpeg(['-v', 'error', '-i', file, '-map', '0:v', '-c', 'copy', '-f', 'framemd5', '-']);
  return framemd5Hashes(stdout);
}

/** The hashes of what ffmpeg's framemd5 muxer wrote (one per packet or frame, in order). */
export function framemd5Hashes(stdout: Buffer): string[] {
  return stdout.toString('utf8').split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split(',').pop()!.trim());
}

/** PSNR of `file` against `reference`: the average, and each frame's (luma). */
export async function psnr(file: string, reference: string): Promise<{ average: number; worst: number; frames: number[] }> {
  const { stdout, stderr } = await ffmpeg(['-i', file, '-i', reference, '-lavfi', '[0:v][1:v]psnr=stats_file=-', '-f', 'null', '-'], { timeoutMs: 60_000 });
  // The per-frame lines go to the stats file (stdout), the summary to the log (stderr).
  const frames = [...stdout.toString('utf8').matchAll(/psnr_y:(\S+)/g)].map((m) => (m[1] === 'inf' ? Infinity : Number(m[1])));
  const average = Number(/average:(\S+)/.exec(stderr)?.[1]);
  return { average, worst: Math.min(...frames), frames };
}

/** The decoded audio as 16-bit PCM, 48 kHz stereo. */
export async function pcm(file: string): Promise<Int16Array> {
  const { stdout } = await ffmpeg(['-v', 'error', '-i', file, '-map', '0:a', '-f', 's16le', '-ac', '2', '-ar', '48000', '-']);
  return new Int16Array(stdout.buffer, stdout.byteOffset, stdout.length / 2);
}

/**
 * Asserts an incremental re-render equals the whole render of the same spec: one H.264 and one
 * AAC stream, `frames` frames at a constant 30 fps, the same durations, PSNR ≥ 40 dB and the same
 * audio within one step of 16 bits (no gap or click at a join). Returns the PSNR.
 */
export async function expectEqualToWhole(mine: string, whole: string, frames: number): Promise<{ average: number; worst: number; frames: number[] }> {
  const [a, b] = await Promise.all([probeFile(mine), probeFile(whole)]);
  expect(a.streams.map((s) => s.codec_name)).toEqual(['h264', 'aac']);
  expect(a.video[0]!.nb_frames).toBe(frames);
  expect(b.video[0]!.nb_frames).toBe(frames);
  expect(a.video[0]!.avg_frame_rate).toBe('30/1');
  expect(a.video[0]!.duration).toBeCloseTo(b.video[0]!.duration!, 6);
  expect(a.audio[0]!.duration).toBeCloseTo(b.audio[0]!.duration!, 6);
  expect(a.audio[0]!.nb_frames).toBe(b.audio[0]!.nb_frames);
  const quality = await psnr(mine, whole);
  expect(quality.frames).toHaveLength(frames);
  expect(quality.average).toBeGreaterThanOrEqual(40);
  const [pa, pb] = await Promise.all([pcm(mine), pcm(whole)]);
  expect(pa.length).toBe(pb.length);
  let worst = 0;
  for (let i = 0; i < pa.length; i++) worst = Math.max(worst, Math.abs(pa[i]! - pb[i]!));
  expect(worst).toBeLessThanOrEqual(1);
  return quality;
}
