// The inputs an audio-only ffmpeg run reads (each clip's sound from its footage, the music bed)
// and the exact sample counts of the timeline's items: what planAudio needs besides its outputs.
import { AUDIO_FORMATS, VIDEO_FORMATS, inputWhitelist } from '../media/input-whitelists.ts';
import type { FfmpegInput } from './ffmpeg-command.ts';
import { SAMPLE_RATE } from './plan-audio.ts';
import { planLayout } from './plan-layout.ts';
import type { AudioPlan, TimelineItem, TransitionPlan } from './plan-types.ts';
import { readMargin } from './read-margin.ts';

export interface AudioSources {
  /** Input label of each item's audio, or undefined where it has none. */
  itemInputs: (string | undefined)[];
  musicInput?: string;
  /** Sample counts of each item, following the layout's frames exactly. */
  itemSamples: number[];
  overlapSamples: number;
}

/** Adds the audio inputs of a timeline to `inputs` (after those already there) and lays out its samples at `fps`. */
export function planAudioSources(items: readonly TimelineItem[], audio: AudioPlan, transition: TransitionPlan, fps: number, inputs: FfmpegInput[]): AudioSources {
  const itemInputs = items.map((item) => {
    if (item.kind !== 'clip' || item.still || !item.media.audio) return undefined;
    const index = inputs.push({
      options: ['-ss', seconds(item.start), '-t', seconds(item.duration + readMargin(item.media.video)), ...inputWhitelist(VIDEO_FORMATS)],
      source: item.source,
    }) - 1;
    return `${index}:a:${item.media.audio.index}`;
  });
  const musicIndex = audio.music
    ? inputs.push({ options: ['-stream_loop', '-1', ...inputWhitelist(AUDIO_FORMATS)], source: audio.music.file }) - 1
    : undefined;
  const layout = planLayout(items, transition, fps);
  // 48 kHz is a whole number of samples per frame at 24/25/30/60 fps.
  const samples = (frames: number) => Math.round((frames * SAMPLE_RATE) / fps);
  return {
    itemInputs,
    ...(musicIndex === undefined ? {} : { musicInput: `${musicIndex}:a:0` }),
    itemSamples: layout.frames.map(samples),
    overlapSamples: samples(layout.overlapFrames),
  };
}

function seconds(value: number): string {
  return (Math.round(value * 1000) / 1000).toFixed(3);
}
