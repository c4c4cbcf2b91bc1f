// An incremental part's filter graph makes exactly the frames the whole render's graph makes for
// the span it covers, byte for byte before either is encoded (Debian's ffmpeg, which has xfade).
// A part of a crossfade timeline that starts with an overlap used to let concat pick xfade's
// yuv444p for the bodies it joined: their chroma went through two conversions and no longer
// matched the whole render's (plan-item-join.ts turns each blend back into yuv420p).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../src/media/probe-media.ts';
import { findPreset } from '../../src/presets/presets.ts';
import { planEncoding } from '../../src/plan/plan-encoding.ts';
import { planSegmentLayout } from '../../src/plan/plan-segment-layout.ts';
import { planTimeline, type TimelinePart } from '../../src/plan/plan-timeline.ts';
import type { FfmpegCommand } from '../../src/plan/ffmpeg-command.ts';
import type { PresetOutput, TimelineItem } from '../../src/plan/plan-types.ts';
import { framemd5Hashes } from '../helpers/incremental-compare.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { run } from '../helpers/media-assert.ts';
import { hasSystemEngine, SYSTEM_ENGINE } from '../helpers/transition-edit-case.ts';

const FPS = 30;
const crossfade = { type: 'crossfade', duration: 0.5 } as const;
let items: TimelineItem[];

beforeAll(async () => {
  if (!hasSystemEngine) return;
  const dir = makeTempDir('promo-part-frames-');
  const take = join(dir, 'take.mp4');
  // testsrc2: colour everywhere, so a chroma conversion shows in the frames' bytes.
  await run(SYSTEM_ENGINE.ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=320x180:r=${FPS}:d=7`, '-f', 'lavfi', '-i', 'sine=d=7',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', take]);
  const media = await probeMedia(take, { ffprobe: SYSTEM_ENGINE.ffprobe, kind: 'video' });
  items = [0, 2.5, 5].map((start) => ({
    kind: 'clip', source: take, media, still: false, start, duration: 2, fit: 'blur', focus: 0.5, padColor: '#E60012', captions: [], product: 'P',
  }));
}, 120_000);

/** Each video frame's MD5 as the command's graph makes it (the frames of `label`, nothing encoded). */
async function frameHashes(command: FfmpegCommand, label: string): Promise<string[]> {
  const args = [...command.global.filter((arg) => arg !== '-xerror'), ...command.inputs.flatMap((input) => [...input.options, '-i', input.source]),
    '-filter_complex', command.graph!, '-map', `[${label}]`, '-f', 'framemd5', '-'];
  // What else the graph makes (the sound, a cover frame) goes to a null muxer.
  const maps = command.outputs.flatMap((out) => out.options.flatMap((option, i) => (option === '-map' && out.options[i + 1]!.startsWith('[') ? [out.options[i + 1]!] : [])));
  for (const other of maps.filter((map) => map !== `[${label}]`)) args.push('-map', other, '-f', 'null', '-');
  const result = await run(SYSTEM_ENGINE.ffmpeg, args.filter((arg) => !['-progress', 'pipe:2'].includes(arg)));
  expect(result.code, result.stderr).toBe(0);
  return framemd5Hashes(result.stdout);
}

describe.runIf(hasSystemEngine)('an incremental part\'s frames', () => {
  const cases = [
    { name: 'a cut', transition: { type: 'cut', duration: 0 } as const },
    { name: 'a fade', transition: { type: 'fade', duration: 0.5 } as const },
    { name: 'a crossfade (the part starts with an overlap)', transition: crossfade },
  ];
  it.each(cases)('are the whole render\'s frames for the middle clip\'s span, byte for byte, at $name', async ({ transition }) => {
    const output: PresetOutput = { preset: { ...findPreset('douyin')!, width: 180, height: 320, fps: FPS }, target: '/unused/out.mp4', badges: {}, captions: {} };
    const base = { items, outputs: [output], audio: { limit: false }, encode: planEncoding('draft'), capabilities: { fpsModeOption: '-fps_mode' as const }, transition };
    // The middle clip edited: its segment, or at a crossfade the overlap before it, its body and the overlap after it.
    const { segments } = planSegmentLayout(items, transition, FPS);
    const spans = segments.filter((span) => span.first <= 1 && span.last >= 1);
    expect(spans.length).toBe(transition === crossfade ? 3 : 1);
    // One run of them, as an incremental re-render encodes neighbouring segments.
    const frames = spans.reduce((sum, span) => sum + span.frames, 0);
    const part: TimelinePart = { first: spans[0]!.first, last: spans[spans.length - 1]!.last, pieces: [[{ start: spans[0]!.start, frames, target: '/unused/run.mp4' }]] };
    const whole = await frameHashes(planTimeline(base).command, 'v0');
    const ofPart = await frameHashes(planTimeline({ ...base, part }).command, 'v0_0');
    const from = spans[0]!.start;
    expect(ofPart).toHaveLength(frames);
    const differing = ofPart.flatMap((hash, k) => (hash === whole[from + k] ? [] : [k]));
    expect(differing, 'frames of the part unlike the whole render\'s').toEqual([]);
  }, 120_000);
});
