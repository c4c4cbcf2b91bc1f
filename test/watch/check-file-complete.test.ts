// checkFileComplete on real files made with the bundled ffmpeg and sharp: every whole file is
// taken without a probe, every cut-off copy of it is "not yet", and what can never be footage is
// "broken".
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFileComplete } from '../../src/watch/check-file-complete.ts';
import { makeStill, makeVideo } from '../helpers/fixtures.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { ffmpeg } from '../helpers/media-assert.ts';

// Made while the file is collected: shared by its tests, removed after the last.
const dir = makeTempDir('promo-complete-');
const noProbe = async () => {
  throw new Error('probe should not be needed');
};

/** The whole file is complete; prefixes of it (down to all but its last byte) are incomplete, not broken. */
async function expectOnlyWholeComplete(file: string): Promise<void> {
  expect(await checkFileComplete(file, noProbe), basename(file)).toEqual({ complete: true });
  const bytes = await readFile(file);
  const lengths = [0.01, 0.1, 0.5, 0.9, 0.999].map((f) => Math.max(1, Math.floor(bytes.length * f))).concat(bytes.length - 1);
  for (const length of lengths) {
    const part = join(dir, `part-${length}-${basename(file)}`);
    await writeFile(part, bytes.subarray(0, length));
    const result = await checkFileComplete(part, noProbe);
    expect(result.complete, `${basename(file)} cut to ${length} of ${bytes.length} bytes`).toBe(false);
    expect((result as { broken?: boolean }).broken, `${basename(file)} cut to ${length}: ${JSON.stringify(result)}`).toBeFalsy();
  }
}

describe('checkFileComplete: MP4', () => {
  it('accepts a whole MP4 and refuses every cut-off prefix of it, faststart or not', async () => {
    for (const faststart of [true, false]) await expectOnlyWholeComplete(await makeVideo({ width: 160, height: 90, duration: 1, faststart }));
  });

  it('waits for a copy that reserved its full size (zeros where data is still to come), even one not begun', async () => {
    const bytes = await readFile(await makeVideo({ width: 160, height: 90, duration: 1, faststart: false }));
    for (const written of [0, 0.3, 0.7].map((f) => Math.floor(bytes.length * f))) {
      const file = join(dir, `reserved-${written}.mp4`);
      await writeFile(file, Buffer.concat([bytes.subarray(0, written), Buffer.alloc(bytes.length - written)]));
      const result = await checkFileComplete(file, noProbe);
      expect(result, `${written} of ${bytes.length} written`).toMatchObject({ complete: false });
      expect((result as { broken?: boolean }).broken, `${written}: ${JSON.stringify(result)}`).toBeFalsy();
    }
  });

  it('calls garbage broken rather than incomplete', async () => {
    const file = join(dir, 'garbage.mp4');
    await writeFile(file, Buffer.from('This is plainly not a video file, it is text.'.repeat(100)));
    expect(await checkFileComplete(file, noProbe)).toMatchObject({ complete: false, broken: true });
  });
});

describe('checkFileComplete: stills', () => {
  let stills: Record<string, string>;
  beforeAll(async () => {
    const [jpg, png, webp] = await Promise.all((['jpg', 'png', 'webp'] as const).map((format) => makeStill({ width: 320, height: 240, format })));
    const exif = await makeStill({ width: 320, height: 240, format: 'jpg', orientation: 6 });
    const progressive = join(dir, 'progressive.jpg');
    const interlaced = join(dir, 'interlaced.png');
    const lossless = join(dir, 'lossless.webp');
    await sharp(jpg!).jpeg({ progressive: true }).toFile(progressive);
    // A truncated interlaced PNG passes sharp's stats(): the check must decode it for real.
    await sharp(png!).png({ progressive: true }).toFile(interlaced);
    await sharp(png!).webp({ lossless: true }).toFile(lossless);
    stills = { jpg: jpg!, exif, png: png!, webp: webp!, progressive, interlaced, lossless };
  });

  it('takes whole JPEG, PNG and WebP images and refuses every cut-off copy of them', async () => {
    for (const file of Object.values(stills)) await expectOnlyWholeComplete(file);
  });

  /** The file at its full size with its second half still zeros, as a copy that reserves space leaves it. */
  const reserved = (bytes: Buffer) => Buffer.concat([bytes.subarray(0, bytes.length >> 1), Buffer.alloc(bytes.length - (bytes.length >> 1))]);
  // Not a lossy WebP: zeros decode as VP8 data, and the RIFF size is already right (documented).
  const detectable = () => Object.entries(stills).filter(([name]) => name !== 'webp').map(([, file]) => file);

  it('refuses a copy that reserved the full size and is half written', async () => {
    for (const file of detectable()) {
      const part = join(dir, `reserved-${basename(file)}`);
      await writeFile(part, reserved(await readFile(file)));
      const result = await checkFileComplete(part, noProbe);
      expect(result.complete, basename(file)).toBe(false);
      expect((result as { broken?: boolean }).broken, basename(file)).toBeFalsy();
    }
  });

  it('decodes a file again when another is dropped under the name of one checked before', async () => {
    for (const file of detectable()) {
      const path = join(dir, `reused${extname(file)}`);
      const bytes = await readFile(file);
      await writeFile(path, bytes);
      expect(await checkFileComplete(path, noProbe), file).toEqual({ complete: true });
      await rename(path, join(dir, `taken-${basename(file)}`));
      await writeFile(path, reserved(bytes));
      expect((await checkFileComplete(path, noProbe)).complete, `${basename(file)} half written under a reused name`).toBe(false);
    }
  });

  it('takes a JPEG with data after its end marker (a motion photo: JPEG then MP4)', async () => {
    const motion = join(dir, 'motion-photo.jpg');
    await writeFile(motion, Buffer.concat([await readFile(stills.jpg!), await readFile(await makeVideo({ width: 160, height: 90, duration: 1 }))]));
    expect(await checkFileComplete(motion, noProbe)).toEqual({ complete: true });
    const trailer = join(dir, 'maker-trailer.jpg');
    await writeFile(trailer, Buffer.concat([await readFile(stills.jpg!), Buffer.from('\0\0MAKER-NOTES\0'.repeat(40))]));
    expect(await checkFileComplete(trailer, noProbe)).toEqual({ complete: true });
  });

  it('takes a PNG with data after IEND', async () => {
    const file = join(dir, 'trailing.png');
    await writeFile(file, Buffer.concat([await readFile(stills.png!), Buffer.from('trailing bytes some tools add')]));
    expect(await checkFileComplete(file, noProbe)).toEqual({ complete: true });
  });

  it('calls a file that is no image broken, whatever its extension', async () => {
    for (const ext of ['.jpg', '.png', '.webp']) {
      for (const text of ['Notes saved with the wrong name, not a picture.\n'.repeat(20), 'hi\n']) {
        const file = join(dir, `text${ext}`);
        await writeFile(file, text);
        expect(await checkFileComplete(file, noProbe), `${ext} ${text.length}`).toMatchObject({ complete: false, broken: true });
      }
    }
  });

  it('judges an image by its content, not its extension (a PNG named .jpg)', async () => {
    const file = join(dir, 'really-a-png.jpg');
    await writeFile(file, await readFile(stills.png!));
    expect(await checkFileComplete(file, noProbe)).toEqual({ complete: true });
  });
});

describe('checkFileComplete: Matroska, WebM and AVI', () => {
  const made = (name: string, args: string[]) => async () => {
    const file = join(dir, name);
    await ffmpeg(['-y', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=2', '-f', 'lavfi', '-i', 'sine=d=2', ...args, file]);
    return file;
  };
  const files: Record<string, string> = {};
  beforeAll(async () => {
    files.mkv = await makeVideo({ width: 160, height: 90, duration: 2, container: 'mkv' });
    files.webm = await made('clip.webm', ['-c:v', 'libvpx', '-b:v', '200k', '-c:a', 'libopus'])();
    // A live-style file: the Segment's size is not written (unknown), only its children's.
    files.live = await made('live.mkv', ['-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', '-live', '1'])();
    files.avi = await made('clip.avi', ['-c:v', 'mpeg4', '-c:a', 'mp3'])();
  });

  it('takes whole files and refuses every cut-off copy (ffprobe reads half a Matroska file happily)', async () => {
    for (const file of Object.values(files)) await expectOnlyWholeComplete(file);
  });

  it('calls a file without an EBML or RIFF header broken', async () => {
    for (const ext of ['.mkv', '.webm', '.avi']) {
      const file = join(dir, `text${ext}`);
      await writeFile(file, 'This is not a video at all. '.repeat(50));
      expect(await checkFileComplete(file, noProbe), ext).toMatchObject({ complete: false, broken: true });
    }
  });
});

describe('checkFileComplete: other containers', () => {
  it('asks the probe about formats with no size to check (MPEG-TS)', async () => {
    const file = join(dir, 'clip.ts');
    await writeFile(file, 'x');
    expect(await checkFileComplete(file, async () => ({}))).toEqual({ complete: true });
    expect(await checkFileComplete(file, async () => { throw new Error('moov atom not found'); })).toEqual({ complete: false, reason: 'moov atom not found' });
  });
});
