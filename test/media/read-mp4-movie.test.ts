// readMp4Movie on files both ffmpegs wrote (the bundled 4.1 and the system one, when present):
// for each track what ffprobe says of its stream (kind, codec, picture size, duration, frames,
// start, and each video packet's pts),
// the moov after the media (ffmpeg's default) and before it (+faststart), a MOV, B-frames with
// their edit list, variable frame rate, HEVC, extra streams; and nothing for files with no movie.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMp4Movie } from '../../src/media/read-mp4-movie.ts';
import { makeVideo, type VideoOptions } from '../helpers/fixtures.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { hasSystemEngine, SYSTEM_ENGINE } from '../helpers/transition-edit-case.ts';
import { ffmpegPath, ffprobe, run } from '../helpers/media-assert.ts';

interface Stream { codec_type: string; codec_name: string; width?: number; height?: number; duration?: string; nb_frames?: string; time_base?: string; start_time?: string }

const KIND: Record<string, string> = { vide: 'video', soun: 'audio', text: 'subtitle', sbtl: 'subtitle', tmcd: 'data' };

async function probeStreams(file: string): Promise<Stream[]> {
  const { stdout } = await ffprobe(['-v', 'error', '-show_streams', '-of', 'json', file]);
  return (JSON.parse(String(stdout)) as { streams: Stream[] }).streams;
}

async function expectAsFfprobe(file: string): Promise<void> {
  const movie = await readMp4Movie(file);
  expect(movie, file).toBeDefined();
  const streams = await probeStreams(file);
  expect(movie!.tracks.map((t) => KIND[t.handler] ?? t.handler)).toEqual(streams.map((s) => s.codec_type));
  streams.forEach((stream, i) => {
    const track = movie!.tracks[i]!;
    const what = `${file} stream ${i} (${stream.codec_type})`;
    if (stream.codec_type === 'video' || stream.codec_type === 'audio') expect(track.codec, what).toBe(stream.codec_name);
    if (stream.codec_type === 'video') expect([track.width, track.height], what).toEqual([stream.width, stream.height]);
    if (stream.duration !== undefined) expect(Math.abs(track.duration - Number(stream.duration)), what).toBeLessThanOrEqual(0.0011);
    if (stream.nb_frames !== undefined) expect(track.samples, what).toBe(Number(stream.nb_frames));
    if (stream.codec_type === 'video') {
      expect(`1/${track.timescale}`, what).toBe(stream.time_base);
      expect(track.start, what).toBeCloseTo(Number(stream.start_time), 6);
    }
    if (track.start !== undefined) expect(track.start, what).toBeCloseTo(Number(stream.start_time), 6);
  });
  // Each video packet's pts, in file order, as ffprobe lists them.
  for (const [i, track] of movie!.tracks.entries()) {
    if (track.handler !== 'vide') continue;
    const { stdout } = await ffprobe(['-v', 'error', '-select_streams', String(i), '-show_entries', 'packet=pts', '-of', 'csv=p=0', file]);
    expect(track.pts, `${file} track ${i}`).toEqual(String(stdout).trim().split('\n').map(Number));
  }
}

const CASES: [string, VideoOptions][] = [
  ['moov at the end', { duration: 3 }],
  ['moov first', { duration: 3, faststart: true }],
  ['a MOV', { duration: 2, container: 'mov' }],
  ['variable frame rate', { duration: 2, vfr: true }],
  ['HEVC, mono', { duration: 2, codec: 'hevc', audio: 'mono' }],
  ['a subtitle and a timecode track', { duration: 2, extraStreams: true }],
  ['two audio tracks, 44.1 kHz', { duration: 2, audio: 'two-tracks', sampleRate: 44100 }],
  ['no audio, 29.97 fps', { duration: 2, audio: 'none', fps: 30000 / 1001 }],
];

describe('readMp4Movie', () => {
  it.each(CASES)('reads each track as ffprobe does (%s)', async (_what, options) => {
    const file = await makeVideo(options);
    await expectAsFfprobe(file);
    expect((await readMp4Movie(file))!.duration).toBeCloseTo(options.duration!, 1);
  });

  it('reads files of both ffmpegs, with B-frames and AAC priming cut by edit lists, and MP3 in MP4', async () => {
    const dir = makeTempDir('promo-mp4-movie-');
    const engines = [ffmpegPath(), ...(hasSystemEngine ? [SYSTEM_ENGINE.ffmpeg] : [])];
    for (const [e, engine] of engines.entries()) {
      for (const [name, args] of Object.entries({
        'bframes.mp4': ['-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30000/1001:d=3', '-f', 'lavfi', '-i', 'sine=d=3.2:r=44100', '-c:v', 'libx264', '-bf', '3', '-c:a', 'aac'],
        'mp3.mp4': ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=60:d=2', '-f', 'lavfi', '-i', 'sine=d=2', '-c:v', 'libx264', '-c:a', 'libmp3lame'],
        'surround.mov': ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=24:d=2', '-f', 'lavfi', '-i', 'sine=d=2', '-c:v', 'libx264', '-c:a', 'aac', '-ac', '6'],
      })) {
        const file = join(dir, `${e}-${name}`);
        const made = await run(engine, ['-v', 'error', '-y', ...args, file]);
        if (name === 'mp3.mp4' && made.code !== 0) continue; // an ffmpeg without libmp3lame
        expect(made.code, String(made.stderr)).toBe(0);
        await expectAsFfprobe(file);
      }
    }
  }, 120_000);

  it('says nothing for a file without a movie box', async () => {
    const dir = makeTempDir('promo-mp4-');
    const junk = join(dir, 'junk.mp4');
    await writeFile(junk, Buffer.alloc(5000, 7));
    expect(await readMp4Movie(junk)).toBeUndefined();
    const empty = join(dir, 'empty.mp4');
    await writeFile(empty, '');
    expect(await readMp4Movie(empty)).toBeUndefined();
    expect(await readMp4Movie(join(dir, 'missing.mp4'))).toBeUndefined();
    // A Matroska file is not an MP4.
    expect(await readMp4Movie(await makeVideo({ duration: 1, container: 'mkv' }))).toBeUndefined();
  });

  it('says nothing for an MP4 cut off before its movie box', async () => {
    const dir = makeTempDir('promo-mp4-');
    const whole = await makeVideo({ duration: 2 });
    const cut = join(dir, 'cut.mp4');
    const bytes = await readFile(whole);
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(await readMp4Movie(cut)).toBeUndefined();
  });
});
