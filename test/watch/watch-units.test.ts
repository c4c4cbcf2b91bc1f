import { describe, expect, it } from 'vitest';
import { parseDuration, formatDuration } from '../../src/time/parse-duration.ts';
import { isIgnoredName } from '../../src/watch/is-ignored-name.ts';
import { matchSku } from '../../src/watch/match-sku.ts';

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
