// Reads the log the analysis decode writes of its every decoded frame (ffmpeg's metadata filter
// in print mode: a `frame:… pts:… pts_time:…` line, then `lavfi.scene_score=…`), its pts in
// microseconds (the decode sets the time base to 1/1000000 before logging).
import type { FrameLog } from './analysis-types.ts';

/** The frames' times (seconds) and scene scores in `text`; lines of any other shape are skipped. */
export function readFrameLog(text: string): FrameLog {
  const log: FrameLog = { time: [], score: [] };
  let pending: number | undefined;
  for (const line of text.split('\n')) {
    const frame = /^frame:\s*\d+\s+pts:\s*(-?\d+)/.exec(line);
    if (frame) {
      pending = Number(frame[1]) / 1e6;
      continue;
    }
    const score = /^lavfi\.scene_score=([\d.]+)/.exec(line);
    if (score && pending !== undefined) {
      log.time.push(pending);
      log.score.push(Number(score[1]));
      pending = undefined;
    }
  }
  return log;
}
