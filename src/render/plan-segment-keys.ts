// Content keys of the video segments of a job's outputs: one per item (card or clip) per preset.
// A key covers everything that decides the segment's pixels and bytes: promo's render version,
// the engine, the encoder settings, the preset, the item's frame count, the footage's content and
// the clip's range, fit and colour, and the drawn images (card, captions, badge, logo) by content
// and place. Editing one clip's caption changes that clip's keys only.
import { hashStream, hashValue } from '../cache/file-hasher.ts';
import { planLayout } from '../plan/plan-layout.ts';
import type { PlacedImage, PresetOutput, TimelineItem, TransitionPlan } from '../plan/plan-types.ts';
import type { RenderContext } from './render-context.ts';
import { RENDER_VERSION } from './render-version.ts';

/** Bumped when the way segments are cut or encoded changes, so older kept segments are not used. */
const SEGMENT_FORMAT = 1;

export interface SegmentKeys {
  /** keys[p][k]: output p's segment for item k. */
  keys: string[][];
  /** frames[p][k]: the frames of output p's segment for item k. */
  frames: number[][];
}

/** The segment keys of every output of a job (`transition` is a cut: segments do not overlap). */
export async function planSegmentKeys(ctx: RenderContext, items: readonly TimelineItem[], outputs: readonly PresetOutput[], transition: TransitionPlan): Promise<SegmentKeys> {
  const hashes = new Map<string, Promise<string>>();
  const contentOf = (file: string, footage = false) => {
    let pending = hashes.get(file);
    if (!pending) {
      pending = footage && ctx.hashFile ? ctx.hashFile(file) : hashStream(file);
      hashes.set(file, pending);
    }
    return pending;
  };
  const placed = async (image: PlacedImage | undefined) => image && {
    sha256: await contentOf(image.path), x: image.x, y: image.y, width: image.width, height: image.height,
  };
  // Stills are read at the highest frame rate among the outputs rendered together.
  const stillRate = Math.max(...outputs.map((o) => o.preset.fps));
  const shared = { renderVersion: RENDER_VERSION, segmentFormat: SEGMENT_FORMAT, engine: ctx.engine.identity, encode: ctx.encode, transition };
  const keys: string[][] = [];
  const frames: number[][] = [];
  for (const output of outputs) {
    const layout = planLayout(items, transition, output.preset.fps);
    frames.push(layout.frames);
    keys.push(await Promise.all(items.map(async (item, k) => {
      // Where the item sits does not change its pixels at a cut: a clip added after it keeps its key.
      const common = { ...shared, preset: output.preset, frames: layout.frames[k] };
      if (item.kind === 'card') {
        const card = item.card === 'intro' ? output.intro : output.outro;
        return hashValue({ ...common, stillRate, card: item.card, image: card && await contentOf(card) });
      }
      return hashValue({
        ...common,
        footage: await contentOf(item.source, !item.still),
        still: item.still && { stillRate },
        video: item.media.video,
        start: item.start,
        duration: item.duration,
        fit: item.fit,
        focus: item.focus,
        // fit: smart's window follows the analysis (its version may change it, not the footage).
        salience: item.salience && hashValue(item.salience),
        padColor: item.padColor,
        captions: await Promise.all(item.captions.map(async (caption) => ({
          start: caption.start, end: caption.end, image: await placed(output.captions[caption.key]),
        }))),
        badge: await placed(output.badges[item.product]),
        logo: await placed(output.logo),
      });
    })));
  }
  return { keys, frames };
}
