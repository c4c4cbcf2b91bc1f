// readMp4Duration on files ffmpeg wrote: the moov after the media (ffmpeg's default) and before
// it (+faststart), a MOV, and files with no movie header.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMp4Duration } from '../../src/media/read-mp4-duration.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';

describe('readMp4Duration', () => {
  it.each([
    ['moov at the end', { duration: 3, audio: 'none' as const }],
    ['moov first', { duration: 3, audio: 'none' as const, faststart: true }],
    ['a MOV', { duration: 3, audio: 'none' as const, container: 'mov' as const }],
  ])('reads the declared duration (%s)', async (_what, options) => {
    expect(await readMp4Duration(await makeVideo(options))).toBeCloseTo(3, 1);
  });

  it('says nothing for a file without a movie header', async () => {
    const dir = makeTempDir('promo-mp4-');
    const junk = join(dir, 'junk.mp4');
    await writeFile(junk, Buffer.alloc(5000, 7));
    expect(await readMp4Duration(junk)).toBeUndefined();
    const empty = join(dir, 'empty.mp4');
    await writeFile(empty, '');
    expect(await readMp4Duration(empty)).toBeUndefined();
  });
});
