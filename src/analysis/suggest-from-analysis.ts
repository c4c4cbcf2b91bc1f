// Turns one take's analysis into what `promo suggest` shows: its scenes, its defects and the
// proposed clips with their reasons (pure).
import type { ClipSuggestion, FootageAnalysis, SuggestOptions } from './analysis-types.ts';
import { readTake } from './read-take.ts';
import { selectClips } from './select-clips.ts';

/** The suggestion for `file` from its analysis. */
export function suggestFromAnalysis(file: string, analysis: FootageAnalysis, options: SuggestOptions): ClipSuggestion {
  const take = readTake(analysis);
  const { clips, notes } = selectClips(take, options);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    file,
    duration: round(analysis.duration),
    scenes: take.scenes.map((s) => ({ start: round(s.start), end: round(s.end) })),
    defects: take.defects.map((d) => ({ kind: d.kind, start: round(d.start), end: round(d.end) })),
    clips,
    notes,
  };
}
