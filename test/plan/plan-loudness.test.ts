import { describe, expect, it } from 'vitest';
import { planLoudnessCorrection } from '../../src/plan/plan-loudness-correction.ts';
import { planTimeLimit } from '../../src/plan/plan-time-limit.ts';
import { findPreset } from '../../src/presets/presets.ts';
import { parseEbur128Summary } from '../../src/render/measure-loudness.ts';

describe('planLoudnessCorrection', () => {
  it('raises a quiet mix to the target without a limiter when the peaks allow', () => {
    expect(planLoudnessCorrection({ integrated: -24, truePeak: -12 }, -14)).toEqual({ gainDb: 10, limit: false, short: false });
  });
  it('adds the limiter when the gain would push true peaks over the ceiling', () => {
    expect(planLoudnessCorrection({ integrated: -24, truePeak: -5 }, -14)).toEqual({ gainDb: 10, limit: true, short: false });
  });
  it('leaves silence silent', () => {
    expect(planLoudnessCorrection({ integrated: -Infinity, truePeak: -Infinity }, -14)).toEqual({ gainDb: undefined, limit: false, short: false });
  });
  it('raises a clean, very quiet mix past +30 dB all the way to the target', () => {
    expect(planLoudnessCorrection({ integrated: -63, truePeak: -59 }, -14)).toEqual({ gainDb: 49, limit: false, short: false });
    // Quiet speech: its peaks go 6.5 dB over the ceiling, which the limiter takes off.
    expect(planLoudnessCorrection({ integrated: -50, truePeak: -31 }, -14)).toEqual({ gainDb: 36, limit: true, short: false });
  });
  it('stops past +30 dB where the limiter would have to take more than 12 dB off the peaks', () => {
    // Peaks at -30 dBTP: 40.5 dB brings them 12 dB over the ceiling, short of the 55 dB wanted.
    expect(planLoudnessCorrection({ integrated: -69, truePeak: -30 }, -14)).toEqual({ gainDb: 40.5, limit: true, short: true });
  });
  it('stops at +30 dB (limited) when a very quiet mix has loud peaks, and says it falls short', () => {
    expect(planLoudnessCorrection({ integrated: -60, truePeak: -3 }, -14)).toEqual({ gainDb: 30, limit: true, short: true });
    // The make-up after measuring through the limiter is held to the same cap.
    const check = { gainDb: 30, measured: { integrated: -31, truePeak: -1.6 } };
    expect(planLoudnessCorrection({ integrated: -60, truePeak: -3 }, -14, check)).toEqual({ gainDb: 30, limit: true, short: true });
  });
  it('makes up what the limiter took when the signal allows it', () => {
    const check = { gainDb: 10, measured: { integrated: -15, truePeak: -1.6 } };
    expect(planLoudnessCorrection({ integrated: -24, truePeak: -5 }, -14, check)).toEqual({ gainDb: 11, limit: true, short: false });
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
