// Plans the audio-only ffmpeg pass that measures a timeline's loudness: the same mix as the
// render's (plan-audio.ts, from the inputs plan-audio-sources.ts adds), ending in ebur128.
import type { FfmpegCommand, FfmpegInput } from './ffmpeg-command.ts';
import { stringifyFiltergraph } from './filtergraph.ts';
import { planAudio } from './plan-audio.ts';
import { planAudioSources } from './plan-audio-sources.ts';
import type { AudioPlan, TimelineItem, TransitionPlan } from './plan-types.ts';

export interface LoudnessAnalysisOptions {
  items: readonly TimelineItem[];
  audio: AudioPlan;
  transition?: TransitionPlan;
  /** Frame rate of the first output (the audio follows its layout). */
  fps: number;
}

const CUT: TransitionPlan = { type: 'cut', duration: 0 };

/** Plans the audio-only pass that measures a timeline's loudness (ebur128 summary on stderr). */
export function planLoudnessAnalysis(options: LoudnessAnalysisOptions, nullTarget = '-'): FfmpegCommand {
  const { items } = options;
  const transition = options.transition ?? CUT;
  const inputs: FfmpegInput[] = [];
  const graph = planAudio({
    items,
    ...planAudioSources(items, options.audio, transition, options.fps, inputs),
    transition,
    audio: options.audio,
    outputs: ['measured'],
    finalFilters: [{ name: 'ebur128', args: { peak: 'true', framelog: 'verbose' } }],
  });
  return {
    global: ['-hide_banner', '-nostdin', '-loglevel', 'info'],
    inputs,
    graph: stringifyFiltergraph(graph),
    outputs: [{ options: ['-map', '[measured]', '-f', 'null'], target: nullTarget }],
  };
}
