// The case the incremental re-render tests with transitions share (incremental-fade.test.ts,
// incremental-crossfade.test.ts): a caption edit to the third of four clips re-encodes only the
// segments that show it, and the result is one valid file equal to a --force whole render: one H.264 and one AAC stream, the same frames and duration, constant
// frame rate, PSNR ≥ 40 dB (every frame, the joins included), the whole render's audio.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { makeStill, makeVideo } from './fixtures.ts';
import { expectEqualToWhole, keptSegments, packetHashes } from './incremental-compare.ts';
import { ffmpeg, videoTimestamps } from './media-assert.ts';
import { makeSpecDir, runCli, TINY_SQUARE } from './spec-dir.ts';

/** Debian's ffmpeg 5.1 as the engine: it has xfade (the bundled 4.1 falls back to a fade). */
export const SYSTEM_ENGINE = { ffmpeg: '/usr/bin/ffmpeg', ffprobe: '/usr/bin/ffprobe' };
/** Whether that ffmpeg is there (CI installs it). */
export const hasSystemEngine = Boolean(process.env.PROMO_REQUIRE_SYSTEM_FFMPEG) || (existsSync(SYSTEM_ENGINE.ffmpeg) && existsSync(SYSTEM_ENGINE.ffprobe));
const CAPTIONS = ['第一段', '第二段', '第三段', '第四段'];

/** The third clip's span of the footage: 1.1 s by default, under a second of its own at a 0.4 s crossfade. */
export interface ClipSpan {
  in: number;
  out: number;
}
const THIRD_CLIP: ClipSpan = { in: 3, out: 4.1 };

function spec(transition: string, third: string, thirdClip: ClipSpan): object {
  return {
    stream: { title: '转场增量' },
    brand: { logo: 'logo.png', color: '#E60012' },
    products: [{
      sku: 'TEA-001', price: 99, footage: 'tea.mp4',
      clips: [
        { in: 0, out: 1.5, caption: CAPTIONS[0] },
        { in: 1.5, out: 2.7, caption: CAPTIONS[1] },
        { ...thirdClip, caption: third },
        { in: 4.5, out: 5.5, caption: CAPTIONS[3] },
      ],
    }],
    outputs: [TINY_SQUARE],
    intro: { duration: 1 },
    outro: false,
    reel: false,
    quality: 'draft',
    transition: { type: transition, duration: 0.4 },
  };
}

/** What a caption edit of the third clip did, for the test to hold against its case's figures. */
export interface TransitionEditOutcome {
  /** Segments the first render kept. */
  kept: number;
  /** Segments the edit's render encoded again, and kept segments it no longer uses. */
  encoded: number;
  dropped: number;
  /** Frames of the edited output, and which of them differ (by packet) from the first render's. */
  frames: number;
  changedFrames: number[];
  /** The lower PSNR against the whole render of the two frames either side of `at`. */
  aroundJoin(at: number): number;
}

/**
 * Renders the spec, edits the third clip's caption, renders again and compares with a --force whole
 * render. Checks here what holds for every case (exit codes, kept segments untouched, the audio
 * copied, constant frame rate, a clean decode, equal to the whole render); returns the figures
 * that differ by case.
 */
export async function runTransitionEdit(transition: 'fade' | 'crossfade', config: object, thirdClip = THIRD_CLIP): Promise<TransitionEditOutcome> {
  const [footage, logo] = await Promise.all([
    makeVideo({ width: 320, height: 180, duration: 6, audio: 'stereo' }),
    makeStill({ width: 64, height: 64, format: 'png' }),
  ]);
  const dir = await makeSpecDir(spec(transition, CAPTIONS[2]!, thirdClip), { files: { 'tea.mp4': footage, 'logo.png': logo }, config });
  const video = join(dir.out, 'TEA-001', 'tiny.mp4');
  const first = await runCli(['render', dir.spec, '--config', dir.config]);
  expect(first.code, first.stderr).toBe(0);
  const before = await keptSegments(dir.out);
  const audioBefore = await keptSegments(dir.out, '.m4a');
  const firstPackets = await packetHashes(video);

  await writeFile(dir.spec, stringify(spec(transition, '第三段 改过的字幕', thirdClip)));
  const again = await runCli(['render', dir.spec, '--config', dir.config]);
  expect(again.code, again.stderr).toBe(0);
  expect(again.stderr + again.stdout).not.toContain('rendered whole');
  const after = await keptSegments(dir.out);
  // The segments kept from the first render are the same files.
  for (const [name, inode] of after) if (before.has(name)) expect(inode, name).toBe(before.get(name));
  // The audio kept from the first render, copied (a caption edit leaves it alone).
  expect([...(await keptSegments(dir.out, '.m4a'))]).toEqual([...audioBefore]);
  const packets = await packetHashes(video);

  const reference = join(dir.dir, 'whole');
  const whole = await runCli(['render', dir.spec, '--config', dir.config, '--force', '--out', reference]);
  expect(whole.code, whole.stderr).toBe(0);
  const times = await videoTimestamps(video);
  expect([...new Set(times.slice(1).map((t, i) => Math.round((t - times[i]!) * 1e4)))]).toEqual([333]);
  const { stderr } = await ffmpeg(['-v', 'error', '-xerror', '-i', video, '-f', 'null', '-']);
  expect(stderr.trim()).toBe('');
  const quality = await expectEqualToWhole(video, join(reference, 'TEA-001', 'tiny.mp4'), packets.length);

  return {
    kept: before.size,
    encoded: [...after.keys()].filter((name) => !before.has(name)).length,
    dropped: [...before.keys()].filter((name) => !after.has(name)).length,
    frames: packets.length,
    changedFrames: packets.flatMap((hash, i) => (hash === firstPackets[i] ? [] : [i])),
    aroundJoin: (at) => Math.min(quality.frames[at - 1]!, quality.frames[at]!),
  };
}

/** Frame numbers from `from` up to (not including) `to`. */
export function frameRange(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
