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
import { truthChecks } from '../helpers/truth-checks.ts';
import { ffmpegPath, ffprobePath } from '../helpers/media-assert.ts';

const engine = () => ({ ffmpeg: ffmpegPath(), ffprobe: ffprobePath() });
let take: GeneratedFootage;
let suggestion: ClipSuggestion;

beforeAll(async () => {
  take = await generateFootage(demoPlan(320, 180));
  suggestion = suggestFromAnalysis(take.file, await analyseFootage({ ...engine(), file: take.file }), { count: 3, length: 4 });
});

describe('a generated take with every defect kind', () => {
  truthChecks(() => ({ take, suggestion }));
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
