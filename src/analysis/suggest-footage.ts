// `promo suggest` and `clips: auto` for one video file: its analysis (one decode, or the cache)
// read into scenes, defects and the proposed clips.
import type { ClipSuggestion, SuggestOptions } from './analysis-types.ts';
import { analyseFootage, type AnalyseFootageOptions } from './analyse-footage.ts';
import { suggestFromAnalysis } from './suggest-from-analysis.ts';

/** Analyses `options.file` (cached by content) and proposes its clips. */
export async function suggestFootage(options: AnalyseFootageOptions & SuggestOptions): Promise<ClipSuggestion> {
  const analysis = await analyseFootage(options);
  return suggestFromAnalysis(options.file, analysis, { count: options.count, length: options.length });
}
