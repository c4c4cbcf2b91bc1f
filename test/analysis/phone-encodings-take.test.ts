// The generated take with every defect kind, encoded as phones encode it, analysed as it is: an
// Android phone's H.264 (High profile, no B-frames, a keyframe a second: every frame a reference,
// so -skip_frame noref skips nothing) and an iPhone's HEVC (hvc1, B-frames, open GOPs whose
// leading pictures come after their keyframe). Each finds the truth as the x264 take does: its
// cuts within ±2 frames, every defect where it was made, clips clear of defects and words.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseFootage } from '../../src/analysis/analyse-footage.ts';
import { suggestFromAnalysis } from '../../src/analysis/suggest-from-analysis.ts';
import type { ClipSuggestion } from '../../src/analysis/analysis-types.ts';
import { demoPlan, generateFootage, type GeneratedFootage } from '../helpers/analysis-footage.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { ffmpeg, ffmpegPath, ffprobe, ffprobePath } from '../helpers/media-assert.ts';
import { truthChecks } from '../helpers/truth-checks.ts';

const ENCODINGS = {
  android: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-profile:v', 'high', '-bf', '0', '-g', '30'],
  iphone: ['-c:v', 'libx265', '-preset', 'ultrafast', '-crf', '24', '-tag:v', 'hvc1', '-x265-params', 'log-level=error:keyint=30:open-gop=1'],
} as const;

/** The codec and how many of each picture type the file's video has. */
async function pictures(file: string): Promise<{ codec: string; types: Record<string, number> }> {
  const { stdout } = await ffprobe(['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,codec_tag_string:frame=pict_type', '-of', 'json', file]);
  const probed = JSON.parse(stdout.toString('utf8')) as { streams: { codec_name: string; codec_tag_string: string }[]; frames: { pict_type: string }[] };
  const types: Record<string, number> = {};
  for (const { pict_type: type } of probed.frames) types[type] = (types[type] ?? 0) + 1;
  return { codec: `${probed.streams[0]!.codec_name}/${probed.streams[0]!.codec_tag_string}`, types };
}

describe.each(Object.keys(ENCODINGS) as (keyof typeof ENCODINGS)[])('the take as %s encodes it', (name) => {
  let take: GeneratedFootage;
  let suggestion: ClipSuggestion;
  let file: string;

  beforeAll(async () => {
    take = await generateFootage(demoPlan(320, 180));
    file = join(makeTempDir(`promo-${name}-take-`), `${name}.mp4`);
    await ffmpeg(['-v', 'error', '-y', '-i', take.file, '-map', '0', '-c:a', 'copy', ...ENCODINGS[name], '-pix_fmt', 'yuv420p', file], { timeoutMs: 180_000 });
    const analysis = await analyseFootage({ ffmpeg: ffmpegPath(), ffprobe: ffprobePath(), file });
    suggestion = suggestFromAnalysis(file, analysis, { count: 3, length: 4 });
  }, 240_000);

  it('is encoded so', async () => {
    const { codec, types } = await pictures(file);
    if (name === 'android') {
      expect(codec).toBe('h264/avc1');
      expect(types.B ?? 0).toBe(0);
    } else {
      expect(codec).toBe('hevc/hvc1');
      expect(types.B).toBeGreaterThan(0);
    }
    // A keyframe every second of the 40 s take (and more at cuts).
    expect(types.I).toBeGreaterThanOrEqual(40);
  });

  truthChecks(() => ({ take, suggestion }));
});
