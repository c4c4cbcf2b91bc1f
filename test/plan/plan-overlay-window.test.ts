// Where a clip's captions show at a crossfade: on the clip's own frames, off the overlaps where
// they would blend into the neighbour's caption; on a clip with under a second of its own, up to
// the overlaps' middles, so two captions never share a frame; at a cut or fade, as written.
import { describe, expect, it } from 'vitest';
import { MIN_READ_SECONDS, planOverlayWindow } from '../../src/plan/plan-overlay-window.ts';

const FPS = 30;
const whole = (duration: number) => ({ start: 0, end: duration });
/** The frames 0 … frames-1 on which a caption shown over `window` (ends included) is drawn. */
const framesOf = (window: { start: number; end: number }, frames: number) => Array.from({ length: frames }, (_, n) => n)
  .filter((n) => n / FPS >= window.start && n / FPS <= window.end);

describe('planOverlayWindow', () => {
  it('leaves a caption as written at a cut or a fade (no overlaps)', () => {
    expect(planOverlayWindow({ start: 0.25, end: 1.5 }, { frames: 60, fps: FPS, head: 0, tail: 0 })).toEqual({ start: 0.25, end: 1.5 });
  });

  it('keeps a whole-clip caption off both overlaps of a middle clip, to the frame', () => {
    // 4 s clip, 15-frame overlaps: its own frames are 15 … 104.
    const window = planOverlayWindow(whole(4), { frames: 120, fps: FPS, head: 15, tail: 15 });
    const shown = framesOf(window, 120);
    expect(shown[0]).toBe(15);
    expect(shown.at(-1)).toBe(104);
    expect(shown).toHaveLength(90);
  });

  it('keeps off only the overlap a first or last clip has', () => {
    expect(framesOf(planOverlayWindow(whole(3), { frames: 90, fps: FPS, head: 0, tail: 12 }), 90)).toEqual(Array.from({ length: 78 }, (_, n) => n));
    expect(framesOf(planOverlayWindow(whole(3), { frames: 90, fps: FPS, head: 12, tail: 0 }), 90)[0]).toBe(12);
  });

  it('clips a timed cue to the own frames and keeps one that lies wholly in an overlap as written', () => {
    const overlaps = { frames: 120, fps: FPS, head: 15, tail: 15 };
    expect(framesOf(planOverlayWindow({ start: 0.2, end: 1 }, overlaps), 120)[0]).toBe(15);
    // Hiding it would lose the text: it blends, as every caption did before.
    expect(planOverlayWindow({ start: 0.1, end: 0.3 }, overlaps)).toEqual({ start: 0.1, end: 0.3 });
  });

  it('gives a clip with under a second of its own the overlaps\' halves, meeting its neighbours\' on no frame', () => {
    // Three short clips of 36 frames, 12-frame overlaps: each has 12 frames (0.4 s) of its own.
    expect((36 - 24) / FPS).toBeLessThan(MIN_READ_SECONDS);
    const a = framesOf(planOverlayWindow(whole(1.2), { frames: 36, fps: FPS, head: 0, tail: 12 }), 36);
    const b = framesOf(planOverlayWindow(whole(1.2), { frames: 36, fps: FPS, head: 12, tail: 12 }), 36);
    expect(b[0]).toBe(6);
    expect(b.at(-1)).toBe(29);
    // On the output, b starts 24 frames after a: a's frames 24–35 are b's 0–11.
    const onOutputA = new Set(a);
    const onOutputB = b.map((n) => n + 24);
    expect(onOutputB.filter((n) => onOutputA.has(n))).toEqual([]);
    // And the pair shows one caption or the other on every frame of their overlap.
    for (let n = 24; n < 36; n += 1) expect(onOutputA.has(n) || onOutputB.includes(n), `frame ${n}`).toBe(true);
  });

  it('keeps a strict overlay (the badge) off the overlaps of a short clip too, and shows it nowhere when nothing is left', () => {
    // Its window then depends on each neighbour alone: the segment key of an overlap holds its two items only.
    expect(framesOf(planOverlayWindow(whole(1.2), { frames: 36, fps: FPS, head: 12, tail: 12, strict: true }), 36)).toEqual(Array.from({ length: 12 }, (_, n) => 12 + n));
    expect(framesOf(planOverlayWindow(whole(0.8), { frames: 24, fps: FPS, head: 12, tail: 12, strict: true }), 24)).toEqual([]);
  });

  it('splits an odd overlap without a gap or a shared frame', () => {
    const a = framesOf(planOverlayWindow(whole(1), { frames: 30, fps: FPS, head: 0, tail: 15 }), 30);
    const b = framesOf(planOverlayWindow(whole(1), { frames: 30, fps: FPS, head: 15, tail: 0 }), 30).map((n) => n + 15);
    expect(a.filter((n) => b.includes(n))).toEqual([]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(Array.from({ length: 45 }, (_, n) => n));
  });
});
