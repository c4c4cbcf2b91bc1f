// The analysis decode split in two halves at a keyframe gives exactly what one decode gives: the
// same analysed frames byte for byte and the same measured series, on footage with sparse
// keyframes (one every 8 s) and B-frames, both x264's simple kind and the pyramid of reference
// B-frames (which -skip_frame noref must not lose), with the bundled ffmpeg and the system's, and
// on an open GOP and a take whose picture starts after its sound.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findSplitKeyframe } from '../../src/analysis/find-split-keyframe.ts';
import { FrameMeter } from '../../src/analysis/frame-meter.ts';
import { joinFrameMeters } from '../../src/analysis/join-frame-meters.ts';
import { planAnalysisCommand } from '../../src/analysis/plan-analysis-command.ts';
import { probeMedia } from '../../src/media/probe-media.ts';
import { runProcess } from '../../src/util/run-process.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { ffmpegPath, ffprobePath } from '../helpers/media-assert.ts';

const dir = makeTempDir('promo-analysis-split-');
const engines = [ffmpegPath(), ...(existsSync('/usr/bin/ffmpeg') ? ['/usr/bin/ffmpeg'] : [])];
const takes: Record<string, string> = {};

// 24 s of moving test pattern, a keyframe every 8 s (no scene-cut keyframes), B-frames.
// `late`: the picture starts 0.25 s after the sound (the series then starts on a later grid slot):
// the picture is encoded first, then muxed shifted (an edit list) beside a tone.
async function makeTake(name: string, x264: string[], seconds = 24, late = false): Promise<string> {
  const file = join(dir, `${name}.mp4`);
  const picture = late ? join(dir, `${name}-picture.mp4`) : file;
  await runProcess(ffmpegPath(), [
    '-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=320x180:r=30:d=${seconds}`,
    '-c:v', 'libx264', ...x264, '-g', '240', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', picture,
  ], { collectStdout: false, timeoutMs: 120_000 });
  if (late) {
    await runProcess(ffmpegPath(), [
      '-hide_banner', '-v', 'error', '-y', '-itsoffset', '0.25', '-i', picture, '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds + 0.25}`,
      '-map', '0:v', '-map', '1:a', '-c:v', 'copy', '-c:a', 'aac', file,
    ], { collectStdout: false, timeoutMs: 120_000 });
  }
  return file;
}

async function decode(ffmpeg: string, args: string[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await runProcess(ffmpeg, args, { onStdout: (chunk) => chunks.push(chunk), timeoutMs: 120_000 });
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  takes.simple = await makeTake('simple-b', ['-preset', 'veryfast', '-bf', '3']);
  takes.pyramid = await makeTake('pyramid-b', ['-preset', 'medium', '-bf', '3', '-refs', '3', '-x264-params', 'b-pyramid=normal']);
  takes.short = await makeTake('short', ['-preset', 'veryfast'], 12);
  takes.open = await makeTake('open-gop', ['-preset', 'veryfast', '-bf', '3', '-x264-params', 'open-gop=1:b-pyramid=normal']);
  takes.late = await makeTake('late-picture', ['-preset', 'veryfast', '-bf', '3'], 24, true);
}, 120_000);

describe('findSplitKeyframe', () => {
  it('picks a keyframe near the middle, on the analysis grid', async () => {
    const split = await findSplitKeyframe({ ffprobe: ffprobePath(), file: takes.simple!, duration: 24, formatName: 'mov,mp4,m4a,3gp,3g2,mj2' });
    // Keyframes at 0, 8 and 16 s: both inner ones are 4 s from the middle.
    expect([8, 16]).toContain(split?.seconds);
    expect(split?.frame).toBe(split!.seconds * 10);
  });

  it('does not split a short take, nor a container that seeks only near a time', async () => {
    expect(await findSplitKeyframe({ ffprobe: ffprobePath(), file: takes.short!, duration: 12, formatName: 'mov,mp4,m4a,3gp,3g2,mj2' })).toBeUndefined();
    expect(await findSplitKeyframe({ ffprobe: ffprobePath(), file: takes.simple!, duration: 24, formatName: 'mpegts' })).toBeUndefined();
  });
});

describe('a decode split at a keyframe', () => {
  for (const kind of ['simple', 'pyramid', 'open', 'late'] as const) {
    for (const ffmpeg of kind === 'open' || kind === 'late' ? engines.slice(0, 1) : engines) {
      it(`gives the frames and series of one decode (${{ simple: 'simple B-frames', pyramid: 'pyramid B-frames', open: 'open GOP: pictures before the keyframe decoded after it', late: 'picture after the sound' }[kind]}, ${ffmpeg.includes('node_modules') ? 'bundled' : 'system'} ffmpeg)`, async () => {
        const file = takes[kind]!;
        const media = await probeMedia(file, { ffprobe: ffprobePath(), kind: 'video' });
        const split = await findSplitKeyframe({ ffprobe: ffprobePath(), file, duration: media.duration, formatName: media.formatName });
        expect(split).toBeDefined();
        // The late picture's keyframe at 8.25 s is grid slot 83 (8.25 × 10 rounded as ffmpeg
        // rounds), and its first frame slot 3: the second half starts at series frame 80.
        if (kind === 'late') expect(split).toEqual({ seconds: 8.25, frame: 80 });
        const base = { input: file, displayWidth: 320, displayHeight: 180, hasAudio: false };
        const whole = planAnalysisCommand(base);
        const halves = planAnalysisCommand({ ...base, splitAt: split!.seconds });
        expect(halves.video).toHaveLength(2);
        const [one, first, second] = await Promise.all([decode(ffmpeg, whole.video[0]!), decode(ffmpeg, halves.video[0]!), decode(ffmpeg, halves.video[1]!)]);
        const size = whole.width * whole.height;
        expect(one.length / size).toBeGreaterThanOrEqual(239);
        // The first half overruns the split (then cut there); the second starts at it.
        expect(first.length / size).toBeGreaterThan(split!.frame);
        expect(Buffer.concat([first.subarray(0, split!.frame * size), second]).equals(one)).toBe(true);

        const single = new FrameMeter(whole.width, whole.height, 10);
        single.write(one);
        const a = new FrameMeter(whole.width, whole.height, 10, split!.frame);
        const b = new FrameMeter(whole.width, whole.height, 10);
        // Odd chunk sizes: frames split across chunks are put together again.
        for (let at = 0; at < first.length; at += 7777) a.write(first.subarray(at, at + 7777));
        b.write(second);
        const joined = joinFrameMeters(a, b, split!.frame, whole.width, whole.height, 10);
        expect(joined.series).toEqual(single.series);
        expect(joined.columns).toEqual(single.columns);
      }, 120_000);
    }
  }
});
