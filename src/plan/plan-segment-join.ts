// Plans the last step of an incremental re-render: each output's video segments joined by stream
// copy (concat demuxer), and the whole output's audio mixed and encoded in one go beside them, so
// there is no AAC join anywhere (no priming gap or click where segments meet).
import { inputWhitelist } from '../media/input-whitelists.ts';
import type { FfmpegCommand, FfmpegInput } from './ffmpeg-command.ts';
import { stringifyFiltergraph } from './filtergraph.ts';
import { planAudio, SAMPLE_RATE } from './plan-audio.ts';
import { planAudioSources } from './plan-audio-sources.ts';
import type { AudioPlan, EncodeSettings, TimelineItem, TransitionPlan } from './plan-types.ts';

export interface SegmentJoinOptions {
  items: readonly TimelineItem[];
  audio: AudioPlan;
  transition: TransitionPlan;
  /** Frame rate of the first output: the audio follows its layout, as in a full render. */
  fps: number;
  encode: EncodeSettings;
  /**
   * Per output: its concat list (segments named relative to it), where the file goes, and the
   * output's audio when it is kept from an earlier render (copied as it is instead of encoded).
   */
  outputs: { list: string; target: string; audio?: string }[];
}

/** The concat list itself, and the MP4 segments it names (the list is confined to them). */
const SEGMENT_FORMATS = 'concat,mov,mp4';

/** Plans the one ffmpeg run that joins the segments of every output and adds their audio. */
export function planSegmentJoin(options: SegmentJoinOptions): FfmpegCommand {
  const { items, encode } = options;
  // -auto_convert 0: the packets pass as they are (the demuxer would otherwise rewrite H.264 to
  // Annex B, putting the SPS/PPS before every keyframe), so kept segments are the earlier bytes.
  const inputs: FfmpegInput[] = options.outputs.map(({ list }) => ({ options: ['-f', 'concat', '-auto_convert', '0', ...inputWhitelist(SEGMENT_FORMATS)], source: list }));
  const kept = options.outputs.every((o) => o.audio !== undefined);
  const audioLabels = kept
    ? options.outputs.map(({ audio }) => `${inputs.push({ options: inputWhitelist('mov,mp4,m4a'), source: audio! }) - 1}:a:0`)
    : options.outputs.map((_, p) => `[a${p}]`);
  const graph = kept ? undefined : planAudio({
    items,
    ...planAudioSources(items, options.audio, options.transition, options.fps, inputs),
    transition: options.transition,
    audio: options.audio,
    outputs: options.outputs.map((_, p) => `a${p}`),
  });
  return {
    global: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-xerror'],
    inputs,
    ...(graph ? { graph: stringifyFiltergraph(graph) } : {}),
    outputs: options.outputs.map(({ target }, p) => ({
      target,
      options: [
        '-map', `${p}:v:0`, '-map', audioLabels[p]!,
        '-c:v', 'copy',
        ...(kept ? ['-c:a', 'copy'] : ['-c:a', 'aac', '-b:a', encode.audioBitrate, '-ar', String(SAMPLE_RATE), '-ac', '2']),
        '-movflags', '+faststart',
        '-map_metadata', '-1', '-map_chapters', '-1', '-max_muxing_queue_size', '4096',
        '-f', 'mp4',
      ],
    })),
  };
}
