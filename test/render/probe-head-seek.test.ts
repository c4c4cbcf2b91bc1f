// Where a crossfade part reads its first clip from (render/probe-head-seek.ts): the time of the
// frame it needs when that frame lies exactly where a whole render's frame-rate grid puts it, else
// nothing (the head is decoded and dropped as before). Real files: an MP4's index, ffprobe for others.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TimelineClip } from '../../src/plan/plan-types.ts';
import { probeMedia } from '../../src/media/probe-media.ts';
import { probeHeadSeek } from '../../src/render/probe-head-seek.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { delayStream } from '../helpers/media-assert.ts';

const FFPROBE = process.env.PROMO_REQUIRE_SYSTEM_FFMPEG ? '/usr/bin/ffprobe' : 'ffprobe';
const options = { ffprobe: FFPROBE, timeoutMs: 60_000 };

async function clipOf(fps: number, start: number): Promise<TimelineClip> {
  const source = await makeVideo({ width: 320, height: 180, duration: 6, fps, audio: 'none' });
  const media = await probeMedia(source, { ffprobe: FFPROBE, kind: 'video' });
  return { kind: 'clip', source, media, still: false, start, duration: 3, fit: 'blur', focus: 0.5, padColor: '#000000', captions: [], product: 'P' } as TimelineClip;
}

describe('probeHeadSeek', () => {
  it('a 30 fps source rendered at 30 fps: the frame `skip` frames after the in point', async () => {
    expect(await probeHeadSeek(await clipOf(30, 1), 45, 30, options)).toBe(2.5);
    // An in point between frames: the grid starts at the next frame (1.033… s), 45 frames on.
    expect(await probeHeadSeek(await clipOf(30, 1.01), 45, 30, options)).toBe(2.533);
  }, 120_000);

  it('a 25 fps source rendered at 30 fps: a seek where no source frame starts the same grid is refused', async () => {
    // 45 output frames after the in point (1 s) are at 2.5 s, between frames 62 and 63 of the source.
    expect(await probeHeadSeek(await clipOf(25, 1), 45, 30, options)).toBeUndefined();
    // 30 output frames after it are at 2 s: frame 50.
    expect(await probeHeadSeek(await clipOf(25, 1), 30, 30, options)).toBe(2);
  }, 120_000);

  it('an MP4 needs no ffprobe (its index has the packets\' times); another container is listed by ffprobe', async () => {
    const none = { ffprobe: '/nonexistent/ffprobe', timeoutMs: 60_000 };
    expect(await probeHeadSeek(await clipOf(30, 1), 45, 30, none)).toBe(2.5);
    expect(await probeHeadSeek(await clipOf(30, 1.01), 45, 30, none)).toBe(2.533);
    expect(await probeHeadSeek(await clipOf(25, 1), 45, 30, none)).toBeUndefined();
    expect(await probeHeadSeek(await clipOf(25, 1), 30, 30, none)).toBe(2);
    const mkv = await makeVideo({ width: 320, height: 180, duration: 6, fps: 30, audio: 'none', container: 'mkv' });
    const clip = { ...(await clipOf(30, 1)), source: mkv, media: await probeMedia(mkv, { ffprobe: FFPROBE, kind: 'video' }) };
    expect(await probeHeadSeek(clip, 45, 30, options)).toBe(2.5);
    expect(await probeHeadSeek(clip, 45, 30, none)).toBeUndefined();
  }, 120_000);

  it('a clip starting before its take\'s picture (held until it starts) is not seeked; one starting after it is', async () => {
    const take = await makeVideo({ width: 320, height: 180, duration: 6, fps: 30 });
    const late = join(makeTempDir('promo-head-seek-'), 'late.mp4');
    await delayStream(take, 'video', 0.3, late);
    const media = await probeMedia(late, { ffprobe: FFPROBE, kind: 'video' });
    expect(media.video!.delay).toBeCloseTo(0.3, 3);
    const clip = { ...(await clipOf(30, 0)), source: late, media };
    expect(await probeHeadSeek(clip, 45, 30, options)).toBeUndefined();
    expect(await probeHeadSeek({ ...clip, start: 1 }, 45, 30, options)).toBeCloseTo(2.5, 2);
  }, 120_000);

  it('nothing to skip, or a source ffprobe cannot read: undefined', async () => {
    const clip = await clipOf(30, 1);
    expect(await probeHeadSeek(clip, 0, 30, options)).toBeUndefined();
    expect(await probeHeadSeek({ ...clip, source: '/nonexistent/x.mp4' }, 45, 30, options)).toBeUndefined();
  }, 120_000);
});
