// Incremental re-render with transition: crossfade. Each overlap is a segment of its own, keyed by
// both neighbours: a caption edit to one clip of four re-encodes that clip's middle and the two
// overlaps beside it, nothing else; the result is one valid file equal to a --force whole render
// (test/helpers/transition-edit-case.ts). Needs Debian's ffmpeg (xfade).
import { describeTransitionEdit, SYSTEM_ENGINE } from '../helpers/transition-edit-case.ts';

describeTransitionEdit({
  transition: 'crossfade',
  config: SYSTEM_ENGINE,
  // Intro 30 frames, clips 45, 36, 33, 30, overlapping by 12 (0.4 s): items start at 0, 18, 51,
  // 75, 96. Segments 0–18 | 18–30 | 30–51 | 51–63 | 63–75 | 75–87 | 87–96 | 96–108 | 108–126:
  // the third clip (item 3) shows in 75–108 (its middle and the overlaps either side).
  kept: 9,
  encoded: 3,
  frames: 126,
  unchanged: [[0, 75], [108, 126]],
  joins: [18, 30, 51, 63, 75, 87, 96, 108],
});
