// The list the concat demuxer reads to join an output's video segments by stream copy.

/** The concat list of an output's segments: safe relative names, each with its exact duration. */
export function planConcatList(segments: readonly { name: string; frames: number }[], fps: number): string {
  const lines = ['ffconcat version 1.0'];
  for (const { name, frames } of segments) {
    // Plain names only: the list is parsed by ffmpeg, so nothing in it may need quoting.
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`segment name ${name} is not a plain file name`);
    // The demuxer's own idea of a file's length (the container's, rounded) would shift the next
    // segment by a fraction of a frame: the exact duration keeps the frame rate constant.
    lines.push(`file ${name}`, `duration ${(frames / fps).toFixed(6)}`);
  }
  return `${lines.join('\n')}\n`;
}
