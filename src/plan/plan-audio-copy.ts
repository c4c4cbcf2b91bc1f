// Plans copying a finished render's audio stream out as it is (no decode, no encode), to keep it
// for a re-render whose audio does not change.
import { inputWhitelist } from '../media/input-whitelists.ts';
import type { FfmpegCommand } from './ffmpeg-command.ts';

/** One ffmpeg run that copies `render`'s audio into `target` (MP4 audio only). */
export function planAudioCopy(render: string, target: string): FfmpegCommand {
  return {
    global: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-xerror'],
    inputs: [{ options: inputWhitelist('mov,mp4,m4a'), source: render }],
    outputs: [{ options: ['-map', '0:a:0', '-c', 'copy', '-f', 'mp4'], target }],
  };
}
