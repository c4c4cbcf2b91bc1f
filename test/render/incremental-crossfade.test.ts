// Incremental re-render with transition: crossfade. Each overlap is a segment of its own, keyed by
// both neighbours: a caption edit to one clip of four re-encodes that clip's middle and the two
// overlaps beside it, nothing else; the result is one valid file equal to a --force whole render
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
});
