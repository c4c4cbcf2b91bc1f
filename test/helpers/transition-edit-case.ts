// The case the incremental re-render tests with transitions share (incremental-fade.test.ts,
// incremental-crossfade.test.ts): a caption edit to the third of four clips re-encodes only the
// segments that show it, and the result is one valid file equal to a --force whole render: one H.264 and one AAC stream, the same frames and duration, constant
// frame rate, PSNR ≥ 40 dB (every frame, the joins included), the whole render's audio.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

function spec(transition: string, third: string): object {
  return {
    stream: { title: '转场增量' },
    brand: { logo: 'logo.png', color: '#E60012' },
    products: [{
      sku: 'TEA-001', price: 99, footage: 'tea.mp4',
      clips: [
        { in: 0, out: 1.5, caption: CAPTIONS[0] },
        { in: 1.5, out: 2.7, caption: CAPTIONS[1] },
        { in: 3, out: 4.1, caption: third },
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

export interface TransitionCase {
  transition: 'fade' | 'crossfade';
  config: object;
  /** Segments kept: the intro and four clips, and at a crossfade the four overlaps between them. */
  kept: number;
  /** Segments a caption edit of the third clip encodes again. */
  encoded: number;
  /** Frames of the output, and the frame ranges whose packets must be the first render's. */
  frames: number;
  unchanged: [number, number][];
  /** First frames of the segments, where the output is joined. */
  joins: number[];
}

/** Renders the spec, edits the third clip's caption, renders again and compares with a --force whole render. */
export function describeTransitionEdit(c: TransitionCase): void {
  describe.runIf(c.transition === 'fade' || hasSystemEngine)(`incremental re-render with transition: ${c.transition}`, () => {
    it('a caption edit of one clip of four encodes only its segments and equals a whole render', async () => {
      const [footage, logo] = await Promise.all([
        makeVideo({ width: 320, height: 180, duration: 6, audio: 'stereo' }),
        makeStill({ width: 64, height: 64, format: 'png' }),
      ]);
      const dir = await makeSpecDir(spec(c.transition, CAPTIONS[2]!), { files: { 'tea.mp4': footage, 'logo.png': logo }, config: c.config });
      const video = join(dir.out, 'TEA-001', 'tiny.mp4');
      const first = await runCli(['render', dir.spec, '--config', dir.config]);
      expect(first.code, first.stderr).toBe(0);
      const before = await keptSegments(dir.out);
      expect(before.size).toBe(c.kept);
      const audioBefore = await keptSegments(dir.out, '.m4a');
      const firstPackets = await packetHashes(video);

      await writeFile(dir.spec, stringify(spec(c.transition, '第三段 改过的字幕')));
      const again = await runCli(['render', dir.spec, '--config', dir.config]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr + again.stdout).not.toContain('rendered whole');
      const after = await keptSegments(dir.out);
      // Only the edited clip's segments are new (encoded); the others are the same files.
      const added = [...after.keys()].filter((name) => !before.has(name));
      expect(added).toHaveLength(c.encoded);
      expect([...before.keys()].filter((name) => !after.has(name))).toHaveLength(c.encoded);
      for (const [name, inode] of after) if (before.has(name)) expect(inode, name).toBe(before.get(name));
      // The audio kept from the first render, copied (a caption edit leaves it alone).
      expect([...(await keptSegments(dir.out, '.m4a'))]).toEqual([...audioBefore]);
      const packets = await packetHashes(video);
      expect(packets).toHaveLength(c.frames);
      for (const [from, to] of c.unchanged) expect(packets.slice(from, to)).toEqual(firstPackets.slice(from, to));
      expect(packets.slice(c.unchanged[0]![1], c.unchanged[1]![0]).every((hash, i) => hash !== firstPackets[c.unchanged[0]![1] + i])).toBe(true);

      const reference = join(dir.dir, 'whole');
      const whole = await runCli(['render', dir.spec, '--config', dir.config, '--force', '--out', reference]);
      expect(whole.code, whole.stderr).toBe(0);
      const theirs = join(reference, 'TEA-001', 'tiny.mp4');
      const times = await videoTimestamps(video);
      expect([...new Set(times.slice(1).map((t, i) => Math.round((t - times[i]!) * 1e4)))]).toEqual([333]);
      const { stderr } = await ffmpeg(['-v', 'error', '-xerror', '-i', video, '-f', 'null', '-']);
      expect(stderr.trim()).toBe('');

      const quality = await expectEqualToWhole(video, theirs, c.frames);
      // The frames either side of every join too: no frame off by one, no blend cut short.
      for (const at of c.joins) expect(Math.min(quality.frames[at - 1]!, quality.frames[at]!), `around frame ${at}`).toBeGreaterThanOrEqual(35);
    }, 60_000);
  });
}
