// `--dry-run` of a timeline job: hands the commands a real render would run (the loudness pass,
// the render with the final file names, the cover frames' grab when the render does not write
// them) to ctx.dryRun instead of running them.
import type { FrameGrab } from '../plan/plan-frame-grab.ts';
import { planLoudnessAnalysis } from '../plan/plan-loudness-analysis.ts';
import { planTimeline } from '../plan/plan-timeline.ts';
import type { AudioPlan, PresetOutput, TimelineItem } from '../plan/plan-types.ts';
import type { ProductCoverFrames } from './product-cover-frames.ts';
import type { RenderContext } from './render-context.ts';
import type { TimelineJob, TimelineJobResult } from './render-timeline-job.ts';

/** Shows the job's commands through ctx.dryRun (which must be set); writes nothing. */
export function dryRunTimelineJob(
  ctx: RenderContext,
  job: TimelineJob,
  items: TimelineItem[],
  outputs: PresetOutput[],
  coverFrames: ProductCoverFrames | undefined,
  frameGrab: FrameGrab | undefined,
): TimelineJobResult {
  const audio: AudioPlan = { music: ctx.spec.music, limit: false };
  ctx.dryRun!('measure loudness', planLoudnessAnalysis({ items, audio, transition: ctx.transition, fps: job.presets[0]!.fps }));
  // Show final names: the real run writes temporary names and renames them when checked.
  const named = outputs.map((o) => ({ ...o, target: job.destination(o.preset).video }));
  const plan = planTimeline({
    items, outputs: named, audio: { ...audio, gainDb: 0, limit: true }, encode: ctx.encode, capabilities: ctx.capabilities, transition: ctx.transition,
    keyframeAtSegments: true, frameGrab,
  });
  ctx.dryRun!('render (the volume= gain is set from the measured loudness)', plan.command);
  if (coverFrames && !frameGrab) ctx.dryRun!('cover frames', coverFrames.command);
  return { artifacts: [], duration: plan.duration };
}
