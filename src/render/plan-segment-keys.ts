// Content keys of the video segments of a job's outputs (plan-segment-layout.ts: one per item at a
// cut or fade; at a crossfade each item's middle and each overlap), per preset. A key covers
// everything that decides the segment's pixels and bytes: promo's render version, the engine, the
// encoder settings, the transition, the preset, the frames of the items it shows and its window on
// them, the footage's content and the clip's range, fit and colour, and the drawn images (card,
// badge, logo) by content and place, for every item it shows (both neighbours of an overlap), and
// the captions on its frames. Editing one clip's caption changes the keys of the segments that
// show that caption only: at a crossfade, its clip's middle (captions keep off the overlaps,
// plan-overlay-window.ts).
import { hashStream, hashValue } from '../cache/file-hasher.ts';
import { clipOverlaps, planOverlayWindow, type OverlayWindow } from '../plan/plan-overlay-window.ts';
import { planSegmentLayout, type SegmentSpan } from '../plan/plan-segment-layout.ts';
import type { PlacedImage, PresetOutput, TimelineItem, TransitionPlan } from '../plan/plan-types.ts';
import type { RenderContext } from './render-context.ts';
import { RENDER_VERSION } from './render-version.ts';

/** Bumped when the way segments are cut or encoded changes, so older kept segments are not used. */
const SEGMENT_FORMAT = 2;

export interface SegmentKeys {
  /** keys[p][s]: output p's segment s. */
  keys: string[][];
  /** segments[p][s]: where output p's segment s lies and which items it shows. */
  segments: SegmentSpan[][];
}

/** The segment keys of every output of a job. */
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
  const segments: SegmentSpan[][] = [];
  for (const output of outputs) {
    const { layout, segments: spans } = planSegmentLayout(items, transition, output.preset.fps);
    segments.push(spans);
    const contents = await Promise.all(items.map(async (item, k) => {
      const common = { frames: layout.frames[k] };
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
        badge: await placed(output.badges[item.product]),
        logo: await placed(output.logo),
      });
    }));
    const fps = output.preset.fps;
    const starts = layout.spans.map((span) => Math.round(span.start * fps));
    // Each clip's captions where they show (at a crossfade, off the overlaps), with their images.
    const captions = await Promise.all(items.map((item, k) => (item.kind === 'clip' ? Promise.all(item.captions.map(async (caption) => ({
      window: planOverlayWindow(caption, clipOverlaps(layout, k, items.length)), image: await placed(output.captions[caption.key]),
    }))) : [])));
    // The captions of item k that show on its frames `from` … `from + count - 1`.
    const shownIn = (k: number, from: number, count: number) => captions[k]!.filter(({ window }) => captionShowsIn(window, fps, from, count));
    keys.push(spans.map((span) => hashValue({
      ...shared,
      preset: output.preset,
      // Where the segment sits does not change its pixels, only its window on its items and, at a
      // fade, whether a neighbour is faded to (a clip added after the last fades its end): a
      // clip added elsewhere keeps the key.
      window: { from: span.start - starts[span.first]!, frames: span.frames, overlap: layout.overlapFrames },
      fades: transition.type === 'fade' && { in: span.first > 0, out: span.last < items.length - 1 },
      items: contents.slice(span.first, span.last + 1),
      // Only the captions on the segment's frames: an overlap no caption reaches keeps its key
      // when either neighbour's caption is edited.
      captions: span.first === span.last
        ? [shownIn(span.first, span.start - starts[span.first]!, span.frames)]
        : [shownIn(span.first, span.start - starts[span.first]!, span.frames), shownIn(span.last, 0, span.frames)],
    })));
  }
  return { keys, segments };
}

/** Whether a caption shown over `window` is on any of the clip's frames `from` … `from + count - 1`. */
function captionShowsIn(window: OverlayWindow, fps: number, from: number, count: number): boolean {
  // Frame n shows at t = n / fps; the window's ends are included, to the millisecond as the
  // graph writes them (plan-clip-video.ts), so the key and the pixels never disagree on a frame.
  const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;
  const first = Math.max(from, Math.ceil(ms(window.start) * fps - 1e-6));
  const last = Math.min(from + count - 1, Math.floor(ms(window.end) * fps + 1e-6));
  return first <= last;
}
