import { describe, expect, it } from 'vitest';
import { planLoudnessCorrection } from '../../src/plan/plan-loudness-correction.ts';
import { planTimeLimit } from '../../src/plan/plan-time-limit.ts';
import { findPreset } from '../../src/presets/presets.ts';
import { parseEbur128Summary } from '../../src/render/measure-loudness.ts';

describe('planLoudnessCorrection', () => {
  it('raises a quiet mix to the target without a limiter when the peaks allow', () => {
    expect(planLoudnessCorrection({ integrated: -24, truePeak: -12 }, -14)).toEqual({ gainDb: 10, limit: false });
  });
  it('adds the limiter when the gain would push true peaks over the ceiling', () => {
    expect(planLoudnessCorrection({ integrated: -24, truePeak: -5 }, -14)).toEqual({ gainDb: 10, limit: true });
  });
  it('leaves silence silent', () => {
    expect(planLoudnessCorrection({ integrated: -Infinity, truePeak: -Infinity }, -14)).toEqual({ gainDb: undefined, limit: false });
  });
  it('caps the boost of a near-silent mix', () => {
    expect(planLoudnessCorrection({ integrated: -69, truePeak: -60 }, -14).gainDb).toBe(30);
  });
});

describe('parseEbur128Summary', () => {
  const summary = (i: string, peak: string) => `[Parsed_ebur128_0 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         ${i} LUFS\n    Threshold: -31.8 LUFS\n\n  True peak:\n    Peak:      ${peak} dBFS\n`;
  it('reads integrated loudness and true peak', () => {
    expect(parseEbur128Summary(summary('-21.8', '-18.1'))).toEqual({ integrated: -21.8, truePeak: -18.1 });
  });
  it('reads silence as -Infinity', () => {
    expect(parseEbur128Summary(summary('-70.0', '-inf'))).toEqual({ integrated: -Infinity, truePeak: -Infinity });
  });
  it('fails loudly when there is no summary', () => {
    expect(() => parseEbur128Summary('Error opening input')).toThrow(/no loudness summary/);
  });
});

describe('planTimeLimit', () => {
  it('grows with output size and quality and honours the scale', () => {
    const douyin = findPreset('douyin')!;
    const square = findPreset('square')!;
    const one = planTimeLimit(10, [douyin], 'standard');
    expect(one).toBe((60 + 10 * 10) * 1000);
    expect(planTimeLimit(10, [douyin, square], 'standard')).toBeGreaterThan(one);
    expect(planTimeLimit(10, [douyin], 'high')).toBeGreaterThan(one);
    expect(planTimeLimit(10, [douyin], 'standard', 2)).toBe(one * 2);
  });
});
