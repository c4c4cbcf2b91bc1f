// The checks of a suggestion against the truth of the generated take it was made from, as `it`s
// of the describe they are called in: every hard cut within ±2 frames and no other, every defect
// kind where it was made, and proposed clips clear of every defect and of every word.
import { expect, it } from 'vitest';
import type { ClipSuggestion } from '../../src/analysis/analysis-types.ts';
import type { GeneratedFootage } from './analysis-footage.ts';

const KINDS = ['black', 'dark', 'overexposed', 'blur', 'frozen', 'shaky', 'silence'] as const;

/** `subject()` gives the take and its suggestion once the describe's beforeAll has made them. */
export function truthChecks(subject: () => { take: GeneratedFootage; suggestion: ClipSuggestion }): void {
  it('finds every hard cut within ±2 frames, and no other', () => {
    const { take, suggestion } = subject();
    const found = suggestion.scenes.slice(1).map((s) => Math.round(s.start * take.fps));
    expect(found).toHaveLength(take.cutFrames.length);
    found.forEach((frame, i) => expect(Math.abs(frame - take.cutFrames[i]!), `cut ${i + 1} at frame ${frame}`).toBeLessThanOrEqual(2));
  });

  for (const kind of KINDS) {
    it(`finds the ${kind} span where it was made`, () => {
      const { take, suggestion } = subject();
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
    const { take, suggestion } = subject();
    expect(suggestion.clips.length).toBeGreaterThanOrEqual(2);
    for (const clip of suggestion.clips) {
      for (const d of take.defects) expect(clip.in < d.end && d.start < clip.out, `clip ${clip.in}–${clip.out} in ${d.kind}`).toBe(false);
      for (const t of [clip.in, clip.out]) {
        const word = take.words.find((w) => t > w.start && t < w.end);
        expect(word, `boundary ${t} inside a word`).toBeUndefined();
      }
    }
  });
}
