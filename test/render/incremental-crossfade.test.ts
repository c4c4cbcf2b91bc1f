// Incremental re-render with transition: crossfade. Each overlap is a segment of its own, keyed by
// both neighbours and the captions on its frames: a caption edit to a short clip (under a second of
// its own, whose captions take the overlaps' halves) re-encodes that clip's middle and the two
// overlaps beside it, to a longer clip only its middle, nothing else; the result is one valid file equal to a --force whole render
// (test/helpers/transition-edit-case.ts). Needs Debian's ffmpeg (xfade).
import { describe, expect, it } from 'vitest';
import { frameRange, hasSystemEngine, runTransitionEdit, SYSTEM_ENGINE } from '../helpers/transition-edit-case.ts';

describe.runIf(hasSystemEngine)('incremental re-render with transition: crossfade', () => {
  it('a caption edit of one clip of four encodes only its middle and overlaps and equals a whole render', async () => {
    const edit = await runTransitionEdit('crossfade', SYSTEM_ENGINE);
    // Intro 30 frames, clips 45, 36, 33, 30, overlapping by 12 (0.4 s): items start at 0, 18, 51,
    // 75, 96. Segments 0–18 | 18–30 | 30–51 | 51–63 | 63–75 | 75–87 | 87–96 | 96–108 | 108–126.
    expect(edit.kept).toBe(9);
    expect(edit.encoded).toBe(3);
    expect(edit.dropped).toBe(3);
    // The third clip (item 3) shows in frames 75–107: its middle and the overlaps either side.
    expect(edit.frames).toBe(126);
    expect(edit.changedFrames).toEqual(frameRange(75, 108));
    // No frame off by one, no blend cut short, either side of every join.
    for (const at of [18, 30, 51, 63, 75, 87, 96, 108]) expect(edit.aroundJoin(at), `around frame ${at}`).toBeGreaterThanOrEqual(35);
  }, 60_000);

  it('a caption edit of a clip with a second of its own encodes only its middle: no caption reaches the overlaps', async () => {
    // The third clip 2 s (60 frames, 36 of its own): items start at 0, 18, 51, 75, 123. Segments
    // 0–18 | 18–30 | 30–51 | 51–63 | 63–75 | 75–87 | 87–123 | 123–135 | 135–153.
    const edit = await runTransitionEdit('crossfade', SYSTEM_ENGINE, { in: 2.8, out: 4.8 });
    expect(edit.kept).toBe(9);
    expect(edit.encoded).toBe(1);
    expect(edit.dropped).toBe(1);
    expect(edit.frames).toBe(153);
    // Its captions keep off the overlaps (plan-overlay-window.ts), so they are the first render's packets.
    expect(edit.changedFrames).toEqual(frameRange(87, 123));
    for (const at of [75, 87, 123, 135]) expect(edit.aroundJoin(at), `around frame ${at}`).toBeGreaterThanOrEqual(35);
  }, 60_000);
});
