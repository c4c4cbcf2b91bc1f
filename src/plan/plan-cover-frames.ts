// Plans one ffmpeg run that grabs a single frame of a product's footage, fitted to every preset's
// frame exactly as the video is, as PNGs the cover and preview images are drawn on.
import { IMAGE_FORMATS, SINGLE_IMAGE, VIDEO_FORMATS, inputWhitelist } from '../media/input-whitelists.ts';
import type { FfmpegCommand } from './ffmpeg-command.ts';
import type { PresetDef } from '../presets/presets.ts';
import { stringifyFiltergraph, type FilterChain } from './filtergraph.ts';
import { planClipVideo } from './plan-clip-video.ts';
import type { TimelineClip } from './plan-types.ts';

/** Output options writing one frame as an RGB PNG (image2 with -update: one file, no number). */
export const PNG_FRAME_OUTPUT = ['-frames:v', '1', '-c:v', 'png', '-pix_fmt', 'rgb24', '-f', 'image2', '-update', '1'];

export interface CoverFramesOptions {
  /** The clip the frame comes from; its `start` is the frame's time in the footage. */
  clip: TimelineClip;
  targets: { preset: PresetDef; target: string }[];
}

/** Plans grabbing one fitted frame per preset as PNG. */
export function planCoverFrames(options: CoverFramesOptions): FfmpegCommand {
  const { clip, targets } = options;
  const input = clip.still
    ? { options: ['-framerate', '30', ...SINGLE_IMAGE, ...inputWhitelist(IMAGE_FORMATS)], source: clip.source }
    : { options: ['-ss', clip.start.toFixed(3), '-t', '1', ...inputWhitelist(VIDEO_FORMATS)], source: clip.source };
  const source = `0:v:${clip.still ? 0 : clip.media.video!.index}`;
  const graph: FilterChain[] = [];
  const labels = targets.map((_, p) => `src${p}`);
  graph.push(targets.length > 1
    ? { inputs: [source], filters: [{ name: 'split', args: [targets.length] }], outputs: labels }
    : { inputs: [source], filters: [{ name: 'null' }], outputs: labels });
  targets.forEach(({ preset }, p) => {
    graph.push(...planClipVideo({
      // A still's zoom starts at 1, so its first frame is the whole picture.
      clip: { ...clip, captions: [] },
      input: labels[p]!,
      output: `f${p}`,
      width: preset.width,
      height: preset.height,
      fps: preset.fps,
      outputFit: preset.fit,
      frames: 1,
      captions: [],
      prefix: `p${p}`,
    }));
  });
  return {
    global: ['-hide_banner', '-nostdin', '-loglevel', 'error'],
    inputs: [input],
    graph: stringifyFiltergraph(graph),
    outputs: targets.map(({ target }, p) => ({
      options: ['-map', `[f${p}]`, ...PNG_FRAME_OUTPUT],
      target,
    })),
  };
}
