// Pure tests of the reading and selection on synthetic signal series: defects judged against the
// take, cuts, pauses, variety, and the odd takes (all dark, very short, no sound).
import { describe, expect, it } from 'vitest';
import { findCuts } from '../../src/analysis/find-cuts.ts';
import { suggestFromAnalysis } from '../../src/analysis/suggest-from-analysis.ts';
import type { ClipSuggestion, DefectKind } from '../../src/analysis/analysis-types.ts';
import { paint, paintAudio, syntheticTake } from './synthetic-take.ts';

const ask = { count: 3, length: 4 };
const overlaps = (a: { start: number; end: number }, clip: { in: number; out: number }) => clip.in < a.end && a.start < clip.out;
const kinds = (s: ClipSuggestion, kind: DefectKind) => s.defects.filter((d) => d.kind === kind);

function expectCleanClips(s: ClipSuggestion): void {
  for (const clip of s.clips) for (const d of s.defects) expect(overlaps(d, clip), `${clip.in}–${clip.out} overlaps ${d.kind} ${d.start}–${d.end}`).toBe(false);
}

describe('defects', () => {
  it('finds black, dark and overexposed spans by their light', () => {
    const take = syntheticTake({ seconds: 30 });
    paint(take, 'blackShare', 3, 5, 1);
    paint(take, 'luma', 3, 5, 2);
    paint(take, 'luma', 10, 12, 30);
    paint(take, 'clippedShare', 20, 22, 0.8);
    const s = suggestFromAnalysis('t.mp4', take, ask);
    expect(kinds(s, 'black')).toEqual([{ kind: 'black', start: 3, end: 5 }]);
    expect(kinds(s, 'dark')).toEqual([{ kind: 'dark', start: 10, end: 12 }]);
    expect(kinds(s, 'overexposed')).toEqual([{ kind: 'overexposed', start: 20, end: 22 }]);
    expect(s.clips).toHaveLength(3);
    expectCleanClips(s);
  });

  it('judges blur against the take\'s own sharpness, not a fixed value', () => {
    for (const scale of [1, 10]) {
      const take = syntheticTake({ seconds: 30 });
      paint(take, 'sharpness', 0, 30, (i) => (12 + (i % 5) * 0.3) * scale);
      paint(take, 'sharpness', 8, 11, 4 * scale);
      const s = suggestFromAnalysis('t.mp4', take, ask);
      expect(kinds(s, 'blur')).toEqual([{ kind: 'blur', start: 8, end: 11 }]);
      expectCleanClips(s);
    }
  });

  it('judges blur within each scene: a shot with little detail is not blurred beside one with much', () => {
    // Scene 1 (0–15 s) a glass against a soft background, scene 2 (15–30 s) a close-up of leaves:
    // a fifth of the edges, both in focus (the sample TEA-001 measures 10.5 and 47.5).
    const take = () => {
      const t = syntheticTake({ seconds: 30 });
      paint(t, 'change', 15, 15.1, 1);
      paint(t, 'sharpness', 0, 15, (i) => 10 + (i % 5) * 0.3);
      paint(t, 'sharpness', 15, 30, (i) => 47 + (i % 5) * 0.3);
      return t;
    };
    const clean = suggestFromAnalysis('t.mp4', take(), ask);
    expect(clean.scenes).toHaveLength(2);
    expect(kinds(clean, 'blur')).toEqual([]);
    expect(clean.clips.some((clip) => clip.out <= 15)).toBe(true);
    // Focus lost for 2 s inside the soft scene: judged against that scene, not the leaves.
    const refocus = take();
    paint(refocus, 'sharpness', 5, 7, 3.5);
    expect(kinds(suggestFromAnalysis('t.mp4', refocus, ask), 'blur')).toEqual([{ kind: 'blur', start: 5, end: 7 }]);
    // A shot out of focus from its first frame to its last: against the take.
    const soft = take();
    paint(soft, 'sharpness', 0, 15, (i) => 3 + (i % 5) * 0.1);
    const s = suggestFromAnalysis('t.mp4', soft, ask);
    expect(kinds(s, 'blur')).toEqual([{ kind: 'blur', start: 0, end: 15 }]);
    expectCleanClips(s);
  });

  it('finds a frozen picture lasting long enough, but not a short still moment', () => {
    const take = syntheticTake({ seconds: 30 });
    paint(take, 'diff', 12, 14, 0);
    paint(take, 'diff', 20, 20.5, 0);
    const s = suggestFromAnalysis('t.mp4', take, ask);
    // The frame before the first unchanged one shows the same picture.
    expect(kinds(s, 'frozen')).toEqual([{ kind: 'frozen', start: 11.9, end: 14 }]);
  });

  it('calls frozen only the same picture repeated (through a keyframe\'s refresh), not a still shot that lives', () => {
    const take = syntheticTake({ seconds: 30 });
    // A product on a tripod for 4 s: barely changing, but every frame a little (noise, steam).
    paint(take, 'diff', 2, 6, (i) => 0.05 + (i % 3) * 0.05);
    // A stalled camera for 2 s, its picture refreshed at a keyframe (one analysed frame changed).
    paint(take, 'diff', 12, 14, 0);
    paint(take, 'diff', 13, 13.1, 0.2);
    // Repeated frames broken by more changed frames than a refresh: two short stills, neither frozen.
    paint(take, 'diff', 20, 21.6, 0);
    paint(take, 'diff', 20.6, 21, 0.2);
    const s = suggestFromAnalysis('t.mp4', take, ask);
    expect(kinds(s, 'frozen')).toEqual([{ kind: 'frozen', start: 11.9, end: 14 }]);
    expect(s.clips.some((clip) => clip.in < 6 && clip.out > 2)).toBe(true);
  });

  it('finds shake (motion that jerks back and forth) but not a steady pan', () => {
    const take = syntheticTake({ seconds: 30 });
    paint(take, 'shiftX', 0, 10, 4); // a steady pan: 4 px every frame
    paint(take, 'shiftX', 15, 18, (i) => (i % 2 ? 7 : -7));
    const s = suggestFromAnalysis('t.mp4', take, ask);
    const shaky = kinds(s, 'shaky');
    expect(shaky).toHaveLength(1);
    expect(shaky[0]!.start).toBeGreaterThan(14);
    expect(shaky[0]!.end).toBeLessThan(19);
  });

  it('judges silence against the take\'s own noise floor', () => {
    const quiet = syntheticTake({ seconds: 30, floorDb: -70, speechDb: -35 });
    const loud = syntheticTake({ seconds: 30, floorDb: -40, speechDb: -8 });
    for (const take of [quiet, loud]) {
      const floor = take === quiet ? -70 : -40;
      paintAudio(take, 9, 15, floor);
      const s = suggestFromAnalysis('t.mp4', take, ask);
      const silences = kinds(s, 'silence');
      expect(silences).toHaveLength(1);
      // The quiet runs from the end of the phrase before (8.5 s) to the next phrase (15 s), less a breath each side.
      expect(silences[0]!.start).toBeCloseTo(8.7, 5);
      expect(silences[0]!.end).toBeCloseTo(14.8, 5);
      expectCleanClips(s);
    }
  });

  it('finds no dead air in a take without sound, or with only a steady hum', () => {
    const silent = suggestFromAnalysis('t.mp4', syntheticTake({ seconds: 20, audio: false }), ask);
    const hum = suggestFromAnalysis('t.mp4', syntheticTake({ seconds: 20, floorDb: -50, speechDb: -48 }), ask);
    for (const s of [silent, hum]) {
      expect(kinds(s, 'silence')).toEqual([]);
      expect(s.clips).toHaveLength(3);
      expect(s.clips[0]!.reasons).toContain('the take has no sound to keep: cut on the picture alone');
    }
  });
});

describe('cuts and scenes', () => {
  it('finds a hard cut, and never a camera move that changes every frame alike', () => {
    const take = syntheticTake({ seconds: 20 });
    paint(take, 'change', 6, 6.1, 1.4);
    paint(take, 'change', 12, 16, (i) => 0.7 + (i % 2) * 0.1); // a fast pan: high everywhere
    expect(findCuts(take.frames, take.fps)).toEqual([60]);
    const s = suggestFromAnalysis('t.mp4', take, ask);
    expect(s.scenes).toEqual([{ start: 0, end: 6 }, { start: 6, end: 20 }]);
  });

  it('merges cuts closer than a scene can be (a flash) into the stronger one', () => {
    const take = syntheticTake({ seconds: 10 });
    paint(take, 'change', 3, 3.1, 1);
    paint(take, 'change', 3.3, 3.4, 1.5);
    expect(findCuts(take.frames, take.fps)).toEqual([33]);
  });

  it('never spans a cut, and picks clips from different scenes before a second from one', () => {
    const take = syntheticTake({ seconds: 36, phrase: 2.5, pause: 0.5 });
    paint(take, 'change', 12, 12.1, 1.5);
    paint(take, 'change', 24, 24.1, 1.5);
    // The first scene is the sharpest by far: without the variety rule all three clips would come from it.
    paint(take, 'sharpness', 0, 12, 20);
    const s = suggestFromAnalysis('t.mp4', take, ask);
    expect(s.clips).toHaveLength(3);
    const scenesOf = s.clips.map((c) => s.scenes.findIndex((sc) => c.in >= sc.start && c.out <= sc.end));
    expect(scenesOf).not.toContain(-1);
    expect(new Set(scenesOf).size).toBe(3);
  });
});

describe('boundaries and scores', () => {
  it('starts and ends every clip in a pause of the speech, never mid-phrase', () => {
    const take = syntheticTake({ seconds: 40, phrase: 2.5, pause: 0.6 });
    const s = suggestFromAnalysis('t.mp4', take, ask);
    expect(s.clips).toHaveLength(3);
    const inPause = (t: number) => {
      const phase = t % 3.1;
      return phase >= 2.5 - 1e-6 || phase <= 1e-6 || t === 0;
    };
    for (const clip of s.clips) {
      expect(inPause(clip.in), `in ${clip.in}`).toBe(true);
      expect(inPause(clip.out), `out ${clip.out}`).toBe(true);
      expect(clip.out - clip.in).toBeGreaterThanOrEqual(3 - 1e-9);
      expect(clip.out - clip.in).toBeLessThanOrEqual(5 + 1e-9);
      expect(clip.reasons.some((r) => r.startsWith('starts in a pause') || r.startsWith('starts at the beginning'))).toBe(true);
    }
  });

  it('lets two clips meet in one short pause (the phrase before it, the product sound after), and says when the take is too short for more', () => {
    // As the sample POT-003: a phrase 0.2–2.9 s, a 0.4 s pause, the pot pouring 3.3–6.2 s.
    const take = syntheticTake({ seconds: 6.5 });
    paintAudio(take, 0, 6.5, -62);
    paintAudio(take, 0.2, 2.9, -24);
    paintAudio(take, 3.3, 6.2, -30);
    // Three asked of a take too short for three: two, and a note that says the take is the limit.
    const s = suggestFromAnalysis('t.mp4', take, { count: 3, length: 3 });
    expect(s.clips.map((c) => [c.in, c.out])).toHaveLength(2);
    expect(s.notes).toEqual([expect.stringMatching(/^only 2 of 3 clips: a 6.5 s take holds at most 2 clips of 2.2 s or more; ask for fewer \(--count\)/)]);
    const [first, second] = s.clips as [ClipSuggestion['clips'][number], ClipSuggestion['clips'][number]];
    expect(first.out).toBeGreaterThanOrEqual(2.9);
    expect(first.out).toBeLessThanOrEqual(3.3);
    expect(second.in).toBeGreaterThanOrEqual(first.out);
    expect(second.in).toBeLessThanOrEqual(3.3);
  });

  it('prefers the better lit and sharper part of the take, and says so', () => {
    const take = syntheticTake({ seconds: 30 });
    paint(take, 'luma', 0, 30, 90);
    paint(take, 'sharpness', 0, 30, 8);
    paint(take, 'luma', 18, 24, 140);
    paint(take, 'sharpness', 18, 24, 14);
    const s = suggestFromAnalysis('t.mp4', { ...take }, { count: 1, length: 4 });
    expect(s.clips).toHaveLength(1);
    expect(s.clips[0]!.in).toBeGreaterThanOrEqual(18);
    expect(s.clips[0]!.out).toBeLessThanOrEqual(24);
    expect(s.clips[0]!.reasons.join(' ')).toMatch(/sharper than \d+% of the take/);
  });

  it('an all-dark take gives no clip and says why', () => {
    const take = syntheticTake({ seconds: 20 });
    paint(take, 'luma', 0, 20, 20);
    const s = suggestFromAnalysis('t.mp4', take, ask);
    expect(s.clips).toEqual([]);
    expect(s.notes.join(' ')).toMatch(/every second has a defect \(dark\)/);
  });

  it('a take shorter than a clip is proposed whole when it is clean', () => {
    const s = suggestFromAnalysis('t.mp4', syntheticTake({ seconds: 1.5, audio: false }), ask);
    expect(s.clips).toHaveLength(1);
    expect(s.clips[0]).toMatchObject({ in: 0, out: 1.5 });
    expect(s.notes[0]).toMatch(/only 1.5 s long/);
  });
});
