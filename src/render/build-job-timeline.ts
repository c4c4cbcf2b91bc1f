// A job's timeline: the intro card, each clip of each of its products (with its captions' cues,
// fit and focus), the outro card, in the order they play.
import type { TimelineItem } from '../plan/plan-types.ts';
import { captionKey } from './caption-key.ts';
import type { RenderContext } from './render-context.ts';
import type { TimelineJob } from './render-timeline-job.ts';

/** The items of the job's video, from its resolved products and the spec's cards. */
export function buildJobTimeline(ctx: RenderContext, job: TimelineJob): TimelineItem[] {
  const { spec } = ctx;
  const items: TimelineItem[] = [];
  if (spec.intro) items.push({ kind: 'card', card: 'intro', duration: spec.intro.duration });
  for (const resolved of job.products) {
    const { product } = resolved;
    for (const clip of resolved.clips) {
      items.push({
        kind: 'clip',
        source: resolved.source,
        media: resolved.media,
        still: resolved.still,
        start: clip.start,
        duration: clip.duration,
        fit: product.fit,
        focus: product.focus ?? spec.focus,
        padColor: spec.brand.color,
        captions: clip.cues.map((cue, c) => ({ start: cue.start, end: cue.end, key: captionKey(product.index, clip.clip.index, c) })),
        product: product.sku,
        salience: clip.salience,
      });
    }
  }
  if (spec.outro) items.push({ kind: 'card', card: 'outro', duration: spec.outro.duration });
  return items;
}
