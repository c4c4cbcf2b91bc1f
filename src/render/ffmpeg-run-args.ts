// The exact argument array runFfmpeg spawns for a planned command, which --dry-run prints too:
// the plan's arguments with the progress report promo reads added to the global options.
import { commandToArgs, type FfmpegCommand } from '../plan/ffmpeg-command.ts';

/** The arguments after the ffmpeg binary, as runFfmpeg passes them. */
export function ffmpegRunArgs(command: FfmpegCommand): string[] {
  // `-progress pipe:2` writes key=value blocks to stderr between the log lines; -nostats drops
  // the human-readable status line those blocks replace.
  return commandToArgs({ ...command, global: [...command.global, '-progress', 'pipe:2', '-nostats'] });
}
