// Incremental re-render with transition: fade. The fade through black happens inside each item's
// own frames, so a caption edit to one clip of four re-encodes that clip's one segment; the result
// is one valid file equal to a --force whole render (test/helpers/transition-edit-case.ts).
import { describe, expect, it } from 'vitest';
import { frameRange, runTransitionEdit } from '../helpers/transition-edit-case.ts';

describe('incremental re-render with transition: fade', () => {
  it('a caption edit of one clip of four encodes only its segment and equals a whole render', async () => {
    const edit = await runTransitionEdit('fade', {});
    // The intro and four clips, one segment each; the third clip's is encoded again.
    expect(edit.kept).toBe(5);
    expect(edit.encoded).toBe(1);
    expect(edit.dropped).toBe(1);
    // 30 fps: intro 30 frames, clips 45, 36, 33, 30, end to end; the third clip is frames 111–143,
    // and only those frames' packets differ from the first render's.
    expect(edit.frames).toBe(174);
    expect(edit.changedFrames).toEqual(frameRange(111, 144));
    // No frame off by one either side of a join.
    for (const at of [30, 75, 111, 144]) expect(edit.aroundJoin(at), `around frame ${at}`).toBeGreaterThanOrEqual(35);
  }, 60_000);
});
