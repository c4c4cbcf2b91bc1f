// Cuts next to frames the analysis decode skips (non-reference B-frames, -skip_frame noref), in a
// take whose encoder does not look for scene cuts (x264 scenecut=0, as a phone's hardware encoder):
// a skipped frame at a cut may be the old scene's last or the new scene's first, and the decoded
// frames either side look the same in both cases. So a clip on the cut leaves the skipped frame
// out on both sides rather than show a frame of the other scene; ending it on the frame grid
// instead (after the frame just before the new scene's first decoded one) would show the new
// scene's first frame where that is the skipped one.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseFootage } from '../../src/analysis/analyse-footage.ts';
import type { PlacedCut } from '../../src/analysis/analysis-types.ts';
import { generateFootage, type GeneratedFootage } from '../helpers/analysis-footage.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { ffmpeg, ffmpegPath, ffprobe, ffprobePath } from '../helpers/media-assert.ts';

const encodings = {
  // P B P B …: the first cut's first frame (39) is a skipped B-frame.
  single: 'scenecut=0:bframes=1:b-pyramid=none:keyint=300',
  // P B B P …: at the first cut the old scene's last two frames (37, 38) are skipped B-frames.
  double: 'scenecut=0:bframes=2:b-adapt=0:b-pyramid=none:keyint=300',
} as const;
let take: GeneratedFootage;
const cuts: Record<string, PlacedCut[]> = {};
const types: Record<string, string> = {};

beforeAll(async () => {
  const dir = makeTempDir('promo-skipped-cut-');
  take = await generateFootage({ width: 320, height: 180, fps: 30, audio: 'none', scenes: [{ seconds: 1.3 }, { seconds: 2 }, { seconds: 1.4 }, { seconds: 1.5 }] }, dir);
  for (const [name, params] of Object.entries(encodings)) {
    const file = join(dir, `${name}.mp4`);
    await ffmpeg(['-v', 'error', '-y', '-i', take.file, '-vsync', 'passthrough', '-c:v', 'libx264', '-preset', 'veryfast', '-x264-params', params, file], { timeoutMs: 120_000 });
    // Picture types in display order, indexed by frame time × 30 on ffmpeg's timeline (from the file's start).
    const { stdout } = await ffprobe(['-v', 'error', '-select_streams', 'v', '-show_entries', 'frame=pts_time,pict_type:format=start_time', '-of', 'csv=p=0', file]);
    const lines = String(stdout).trim().split('\n');
    const start = Number(lines.pop());
    const slots: string[] = [];
    for (const line of lines.filter((l) => l.includes(','))) {
      const [time, type] = line.split(',');
      slots[Math.round((Number(time) - start) * 30)] = type!;
    }
    types[name] = slots.join('');
    cuts[name] = (await analyseFootage({ ffmpeg: ffmpegPath(), ffprobe: ffprobePath(), file })).cuts!;
  }
}, 300_000);

describe('a cut beside frames the analysis skips', () => {
  it('is where the encodings put skipped B-frames', () => {
    expect(take.cutFrames).toEqual([39, 99, 141]);
    // Frame 39 starts the second scene.
    expect(types.single!.slice(38, 41)).toBe('PBP');
    expect(types.double!.slice(36, 40)).toBe('PBBP');
  });

  it('leaves a skipped frame out of the clips on both sides, whichever scene it shows', () => {
    for (const [name, placed] of Object.entries(cuts)) {
      expect(placed.map((c) => c.frame), name).toHaveLength(3);
      placed.forEach((cut, i) => {
        const truth = take.cutFrames[i]! / 30;
        // The clip before never reaches the new scene's first frame; the clip after never starts before it.
        expect(cut.end, `${name} cut ${i}`).toBeLessThanOrEqual(truth + 1e-6);
        expect(cut.start, `${name} cut ${i}`).toBeGreaterThanOrEqual(truth - 1e-6);
      });
    }
    // The new scene's first frame skipped: its clip starts a frame late, the old scene's ends after its real last frame (38).
    expect(cuts.single![0]!.start).toBeCloseTo(40 / 30, 5);
    expect(cuts.single![0]!.end).toBeCloseTo(39 / 30, 5);
    // The old scene's last two frames skipped: its clip ends after frame 36, the new one starts on its own first frame.
    expect(cuts.double![0]!.start).toBeCloseTo(39 / 30, 5);
    expect(cuts.double![0]!.end).toBeCloseTo(37 / 30, 5);
  });
});
