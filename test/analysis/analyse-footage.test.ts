// Real analyses (bundled ffmpeg, real pixels and sound) of small generated takes whose cuts,
// defects and words are known: each defect kind is found where it was made, cuts within ±2
// frames, no proposed clip touches a defect or cuts a word, and the analysis is cached by content.
import { copyFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseFootage } from '../../src/analysis/analyse-footage.ts';
import { suggestFromAnalysis } from '../../src/analysis/suggest-from-analysis.ts';
import type { ClipSuggestion } from '../../src/analysis/analysis-types.ts';
import { demoPlan, generateFootage, type GeneratedFootage } from '../helpers/analysis-footage.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { ffmpegPath, ffprobePath } from '../helpers/media-assert.ts';

const engine = () => ({ ffmpeg: ffmpegPath(), ffprobe: ffprobePath() });
let take: GeneratedFootage;
let suggestion: ClipSuggestion;

beforeAll(async () => {
  take = await generateFootage(demoPlan(320, 180));
  suggestion = suggestFromAnalysis(take.file, await analyseFootage({ ...engine(), file: take.file }), { count: 3, length: 4 });
});

describe('a generated take with every defect kind', () => {
  it('finds every hard cut within ±2 frames, and no other', () => {
    const found = suggestion.scenes.slice(1).map((s) => Math.round(s.start * take.fps));
    expect(found).toHaveLength(take.cutFrames.length);
    found.forEach((frame, i) => expect(Math.abs(frame - take.cutFrames[i]!), `cut ${i + 1} at frame ${frame}`).toBeLessThanOrEqual(2));
  });

  for (const kind of ['black', 'dark', 'overexposed', 'blur', 'frozen', 'shaky', 'silence'] as const) {
    it(`finds the ${kind} span where it was made`, () => {
      for (const truth of take.defects.filter((d) => d.kind === kind)) {
        const hit = suggestion.defects.find((d) => d.kind === kind && d.start < truth.end && truth.start < d.end);
        expect(hit, `${kind} ${truth.start}–${truth.end} in ${JSON.stringify(suggestion.defects)}`).toBeDefined();
        // Within half a second at each end (shake is averaged over a second).
        expect(Math.abs(hit!.start - truth.start)).toBeLessThanOrEqual(kind === 'silence' ? 0.6 : 0.5);
        expect(Math.abs(hit!.end - truth.end)).toBeLessThanOrEqual(kind === 'silence' ? 0.6 : 0.5);
      }
    });
  }

  it('proposes clips that touch no true defect and start and end outside words', () => {
    expect(suggestion.clips.length).toBeGreaterThanOrEqual(2);
    for (const clip of suggestion.clips) {
      for (const d of take.defects) expect(clip.in < d.end && d.start < clip.out, `clip ${clip.in}–${clip.out} in ${d.kind}`).toBe(false);
      for (const t of [clip.in, clip.out]) {
        const word = take.words.find((w) => t > w.start && t < w.end);
        expect(word, `boundary ${t} inside a word`).toBeUndefined();
      }
    }
  });
});

describe('the analysis cache', () => {
  it('analyses a file once: a copy with the same bytes is read from the cache, without ffmpeg', async () => {
    const dir = makeTempDir('promo-analysis-');
    const cacheDir = join(dir, 'cache');
    const first = await analyseFootage({ ...engine(), file: take.file, cacheDir });
    expect(await readdir(cacheDir)).toHaveLength(1);
    const copy = join(dir, 'copy.mp4');
    await copyFile(take.file, copy);
    // No ffmpeg at all: only the cache can answer.
    const again = await analyseFootage({ ffmpeg: '/nonexistent/ffmpeg', ffprobe: '/nonexistent/ffprobe', file: copy, cacheDir });
    expect(again).toEqual(first);
  });
});
