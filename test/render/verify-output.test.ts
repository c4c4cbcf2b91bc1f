// verifyOutput on real files: a render that is what was planned passes with its duration; one
// with the wrong size, length, streams or codecs, or with its sound shorter than its picture, is
// RENDER_FAILED with what is wrong; a file whose movie box cannot be read is checked by ffprobe.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyOutput, type VerifyOutputOptions } from '../../src/render/verify-output.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { ffmpeg, ffprobePath } from '../helpers/media-assert.ts';

const PLANNED: VerifyOutputOptions = { ffprobe: ffprobePath(), width: 640, height: 360, fps: 30, duration: 2 };

async function failure(file: string, options: Partial<VerifyOutputOptions> = {}): Promise<string> {
  const error = await verifyOutput(file, { ...PLANNED, ...options }).then(() => undefined, (e: unknown) => e);
  expect(error).toMatchObject({ code: 'RENDER_FAILED' });
  return (error as Error).message;
}

describe('verifyOutput', () => {
  it('passes a render that is what was planned, with its duration and size', async () => {
    const result = await verifyOutput(await makeVideo({ duration: 2 }), PLANNED);
    expect(result.width).toBe(640);
    expect(result.height).toBe(360);
    expect(result.duration).toBeCloseTo(2, 2);
  });

  it('fails the wrong size, length, streams and codecs, saying which', async () => {
    const right = await makeVideo({ duration: 2 });
    expect(await failure(right, { width: 1080, height: 1920 })).toMatch(/frame is 640×360, planned 1080×1920/);
    expect(await failure(right, { duration: 3 })).toMatch(/video is 2\.00 s long, planned 3\.00 s/);
    expect(await failure(await makeVideo({ duration: 2, audio: 'none' }))).toMatch(/one video and one audio stream, found 1 and 0/);
    expect(await failure(await makeVideo({ duration: 2, extraStreams: true }))).toMatch(/one video and one audio stream/);
    expect(await failure(await makeVideo({ duration: 2, codec: 'hevc' }))).toMatch(/codecs are hevc\/aac/);
  });

  it('fails a render whose sound stops before its picture', async () => {
    const dir = makeTempDir('promo-verify-');
    const short = join(dir, 'short-sound.mp4');
    await ffmpeg(['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30:d=2', '-f', 'lavfi', '-i', 'sine=d=1.5',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', short]);
    expect(await failure(short)).toMatch(/audio is 1\.5\d* s, video 2\.000 s/);
  });

  it('checks a file whose movie box cannot be read (Matroska) by ffprobe', async () => {
    const mkv = await makeVideo({ duration: 2, container: 'mkv' });
    expect(await failure(mkv, { width: 320 })).toMatch(/frame is 640×360, planned 320×360/);
  });
});
