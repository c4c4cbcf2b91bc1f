// Plans the ffmpeg run that makes one kept segment of the pieces it was encoded in (two halves
// encoded side by side, plan-run-split.ts): its video joined by stream copy, as an output's
// segments are (plan-segment-join.ts), so the kept file is the pieces' own packets.
import { inputWhitelist } from '../media/input-whitelists.ts';
import type { FfmpegCommand } from './ffmpeg-command.ts';

/** Plans joining the pieces a concat `list` names (plan-concat-list.ts) into the segment `target`. */
export function planSegmentConcat(list: string, target: string): FfmpegCommand {
  return {
    global: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-xerror'],
    // -auto_convert 0: the packets pass as they are (no Annex B rewrite), as in the output's join.
    inputs: [{ options: ['-f', 'concat', '-auto_convert', '0', ...inputWhitelist('concat,mov,mp4')], source: list }],
    outputs: [{
      target,
      options: ['-map', '0:v:0', '-c:v', 'copy', '-map_metadata', '-1', '-map_chapters', '-1', '-avoid_negative_ts', 'disabled', '-f', 'mp4'],
    }],
  };
}
