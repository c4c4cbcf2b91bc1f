import { open, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDuration, formatDuration } from '../../src/config/parse-duration.ts';
import { checkFileComplete } from '../../src/watch/check-file-complete.ts';
import { isIgnoredName } from '../../src/watch/is-ignored-name.ts';
import { matchSku } from '../../src/watch/match-sku.ts';
import { makeStill, makeVideo } from '../helpers/fixtures.ts';

describe('matchSku', () => {
  const skus = ['TEA-001', 'TEA-001-B', 'CUP-002', 'POT'];
  it.each([
    ['TEA-001.mp4', 'TEA-001'],
    ['tea-001_take2.MOV', 'TEA-001'],
    ['TEA-001 手机竖拍.mp4', 'TEA-001'],
    ['TEA-001手机.mp4', 'TEA-001'],
    ['TEA-001-B.mp4', 'TEA-001-B'],
    ['tea-001-b (2).mp4', 'TEA-001-B'],
    ['cup-002', 'CUP-002'],
    ['TEA-0011.mp4', undefined],
    ['POTATO.mp4', undefined],
    ['pot.jpg', 'POT'],
    ['xTEA-001.mp4', undefined],
  ])('%s → %s', (name, sku) => {
    expect(matchSku(name, skus)).toBe(sku);
  });
});

describe('isIgnoredName', () => {
  it.each(['.hidden.mp4', 'TEA-001.mp4.part', 'TEA-001.mp4.crdownload', '~$TEA.mp4', 'Thumbs.db', '.DS_Store', 'x.tmp', 'TEA-001.mp4.partial'])('ignores %s', (name) => {
    expect(isIgnoredName(name)).toBe(true);
  });
  it.each(['TEA-001.mp4', 'tea-001 手机.MOV', 'CUP-002.jpg'])('takes %s', (name) => {
    expect(isIgnoredName(name)).toBe(false);
  });
});

describe('parseDuration', () => {
  it.each([['5s', 5], ['500ms', 0.5], ['2m', 120], ['1h30m', 5400], ['1d', 86400], [3, 3], ['2.5', 2.5]] as const)('%s = %s s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
  it('refuses what is not a duration, and signs unless allowed', () => {
    for (const bad of ['soon', '5 s', '', '5x', '-5s', -3, Number.NaN]) expect(parseDuration(bad)).toBeUndefined();
    expect(parseDuration('-24h', { signed: true })).toBe(-86400);
    expect(formatDuration(5400)).toBe('1h30m');
    expect(formatDuration(0.25)).toBe('250ms');
  });
});

describe('checkFileComplete', () => {
  const dir = mkdtempSync(join(tmpdir(), 'promo-complete-'));
  const noProbe = async () => { throw new Error('probe should not be needed'); };

  it('accepts a whole MP4 and refuses every cut-off prefix of it, faststart or not', async () => {
    for (const faststart of [true, false]) {
      const video = await makeVideo({ width: 160, height: 90, duration: 1, faststart });
      expect(await checkFileComplete(video, noProbe)).toEqual({ complete: true });
      const bytes = await (await import('node:fs/promises')).readFile(video);
      for (const fraction of [0.1, 0.5, 0.9, 0.999]) {
        const part = join(dir, `part-${faststart}-${fraction}.mp4`);
        await writeFile(part, bytes.subarray(0, Math.floor(bytes.length * fraction)));
        const result = await checkFileComplete(part, noProbe);
        expect(result.complete, `${faststart} ${fraction}`).toBe(false);
        expect((result as { broken?: boolean }).broken).toBeFalsy();
      }
    }
  });

  it('calls garbage broken rather than incomplete', async () => {
    const file = join(dir, 'garbage.mp4');
    await writeFile(file, Buffer.from('This is plainly not a video file, it is text.'.repeat(100)));
    expect(await checkFileComplete(file, noProbe)).toMatchObject({ complete: false, broken: true });
  });

  it('checks JPEG and PNG end markers', async () => {
    for (const format of ['jpg', 'png'] as const) {
      const still = await makeStill({ width: 64, height: 48, format });
      expect(await checkFileComplete(still, noProbe)).toEqual({ complete: true });
      const bytes = await (await import('node:fs/promises')).readFile(still);
      const part = join(dir, `part.${format}`);
      await writeFile(part, bytes.subarray(0, bytes.length - 20));
      expect((await checkFileComplete(part, noProbe)).complete).toBe(false);
    }
  });

  it('asks the probe about other formats', async () => {
    const file = join(dir, 'clip.mkv');
    const handle = await open(file, 'w');
    await handle.write('x');
    await handle.close();
    expect(await checkFileComplete(file, async () => ({}))).toEqual({ complete: true });
    expect(await checkFileComplete(file, async () => { throw new Error('moov atom not found'); })).toEqual({ complete: false, reason: 'moov atom not found' });
  });
});
