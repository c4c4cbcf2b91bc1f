// Incremental re-render with transition: fade. The fade through black happens inside each item's
// own frames, so a caption edit to one clip of four re-encodes that clip's one segment; the result
// is one valid file equal to a --force whole render (test/helpers/transition-edit-case.ts).
import { describeTransitionEdit } from '../helpers/transition-edit-case.ts';

// 30 fps: intro 30 frames, clips 45, 36, 33, 30, end to end; the third clip is frames 111–144.
describeTransitionEdit({ transition: 'fade', config: {}, kept: 5, encoded: 1, frames: 174, unchanged: [[0, 111], [144, 174]], joins: [30, 75, 111, 144] });
