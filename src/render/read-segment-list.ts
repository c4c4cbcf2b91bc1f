// Reads the CSV list the segment muxer writes (plan/plan-segment-muxer.ts): a line per segment
// file, `name,start,end` with times in seconds. Both the cut of a whole render
// (keep-rendered-segments.ts) and an incremental re-render's run cut as it is encoded
// (render-incrementally.ts) check their segments' frames from it.
import { readFile } from 'node:fs/promises';

/** One segment as the muxer listed it: its file name and its frames at the output's rate. */
export interface ListedSegment {
  name: string;
  frames: number;
}

/** The segments in the muxer's list `file`, in order, their frames counted at `fps`. */
export async function readSegmentList(file: string, fps: number): Promise<ListedSegment[]> {
  return (await readFile(file, 'utf8')).trim().split('\n').map((line) => {
    const [name = '', start, end] = line.split(',');
    return { name, frames: Math.round((Number(end) - Number(start)) * fps) };
  });
}
