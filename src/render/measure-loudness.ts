// Measures the integrated loudness and true peak of a timeline's audio mix (an audio-only ffmpeg
// pass through ebur128), which the render then corrects to the target.
import type { FfmpegCommand } from '../plan/ffmpeg-command.ts';
import type { LoudnessMeasurement } from '../plan/plan-loudness-correction.ts';
import { runFfmpeg } from './run-ffmpeg.ts';

export interface MeasureLoudnessOptions {
  ffmpeg: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Runs a loudness analysis command (from planLoudnessAnalysis) and reads its summary. */
export async function measureLoudness(command: FfmpegCommand, options: MeasureLoudnessOptions): Promise<LoudnessMeasurement> {
  const result = await runFfmpeg(command, { ...options, tailLines: 40 });
  return parseEbur128Summary(result.stderrTail.join('\n'));
}

/** Reads I and true peak from ebur128's summary text. */
export function parseEbur128Summary(text: string): LoudnessMeasurement {
  const summary = text.slice(text.lastIndexOf('Summary:'));
  const integrated = /I:\s+(-?[\d.]+|-inf)\s+LUFS/.exec(summary)?.[1];
  const peak = /Peak:\s+(-?[\d.]+|-inf)\s+dBFS/.exec(summary)?.[1];
  if (integrated === undefined || peak === undefined) {
    throw new Error(`no loudness summary in ffmpeg output: ${text.slice(-400)}`);
  }
  const value = (s: string) => (s === '-inf' ? -Infinity : Number(s));
  const i = value(integrated);
  // ebur128 reports -70 LUFS (its gate) for silence.
  return { integrated: i <= -70 ? -Infinity : i, truePeak: value(peak) };
}
