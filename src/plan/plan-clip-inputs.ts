// The clips' inputs of a timeline's ffmpeg run (plan-timeline.ts): one input per clip (input
// seeking is fast wherever the clip starts), its picture split for every output and its sound
// kept for the mix. A part reads only its own clips, and at a crossfade only as much of its last
// clip as its pieces reach into.
import { IMAGE_FORMATS, SINGLE_IMAGE, VIDEO_FORMATS, inputWhitelist } from '../media/input-whitelists.ts';
import type { FfmpegInput } from './ffmpeg-command.ts';
import type { FilterChain } from './filtergraph.ts';
import type { TimelineLayout } from './plan-layout.ts';
import { planPartReach } from './plan-part-reach.ts';
import type { TimelinePart } from './plan-timeline.ts';
import type { PresetOutput, TimelineItem, TransitionPlan } from './plan-types.ts';
import { readMargin } from './read-margin.ts';

export interface ClipInputsOptions {
  items: readonly TimelineItem[];
  outputs: readonly PresetOutput[];
  /** Each output's layout of the items, in output order. */
  layouts: readonly TimelineLayout[];
  transition: TransitionPlan;
  part?: TimelinePart;
  /** Whether item k is rendered (all are without a part). */
  inPart: (k: number) => boolean;
  /** Frame rate a still is read at (the highest output's). */
  stillRate: number;
  /** Adds an input to the command and returns its index. */
  addInput: (input: FfmpegInput) => number;
}

export interface ClipInputs {
  /** Per item, the label of its picture for each output (undefined for a card or an item outside the part). */
  video: (string[] | undefined)[];
  /** Per item, the label of its sound (undefined where it has none). */
  audio: (string | undefined)[];
  /** The splits of the clips' pictures, one per clip when there are several outputs. */
  chains: FilterChain[];
}

/** Adds the inputs of a timeline's clips and splits each clip's picture for the outputs. */
export function planClipInputs(options: ClipInputsOptions): ClipInputs {
  const { items, outputs, layouts, transition, part, inPart, stillRate, addInput } = options;
  const graph: FilterChain[] = [];
  // Seconds of item k a part's pieces reach into: at a crossfade its last item is often there only
  // for the overlap before it, and reading (decoding, fitting) the rest would be for nothing.
  const headNeeded = (k: number) => Math.max(...layouts.map((layout, p) => planPartReach(part!, layout, p, k) / layout.fps));

  const clipVideo: (string[] | undefined)[] = [];
  const clipAudio: (string | undefined)[] = [];
  items.forEach((item, k) => {
    if (item.kind !== 'clip' || !inPart(k)) {
      clipVideo.push(undefined);
      clipAudio.push(undefined);
      return;
    }
    const span = Math.min(item.duration, part && transition.type === 'crossfade' && k === part.last && k > part.first ? headNeeded(k) : Infinity) + readMargin(item.media.video);
    // A part's first clip seeked past its head (part.headSeek) is read to the same end.
    const from = k === part?.first && part.headSeek !== undefined ? part.headSeek : item.start;
    // A still is decoded and fitted once, then its frame is repeated in memory (tpad): looping
    // the input instead would decode the PNG and redo the fit for every frame.
    const index = item.still
      ? addInput({ options: ['-framerate', String(stillRate), ...SINGLE_IMAGE, ...inputWhitelist(IMAGE_FORMATS)], source: item.source })
      : addInput({
          options: ['-ss', seconds(from), '-t', seconds(span - (from - item.start)), ...inputWhitelist(VIDEO_FORMATS)],
          source: item.source,
        });
    const videoLabel = `${index}:v:${item.still ? 0 : item.media.video!.index}`;
    if (outputs.length > 1) {
      const labels = outputs.map((_, p) => `c${k}p${p}`);
      graph.push({ inputs: [videoLabel], filters: [{ name: 'split', args: [outputs.length] }], outputs: labels });
      clipVideo.push(labels);
    } else {
      clipVideo.push([videoLabel]);
    }
    clipAudio.push(!item.still && item.media.audio ? `${index}:a:${item.media.audio.index}` : undefined);
  });
  return { video: clipVideo, audio: clipAudio, chains: graph };
}

function seconds(value: number): string {
  return (Math.round(value * 1000) / 1000).toFixed(3);
}
