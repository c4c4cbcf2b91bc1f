// One clip of a product's footage: where it starts and ends (or how long it is), and its caption
// or captions file; the checks between those fields.
import { z } from 'zod';
import { localPath, textOf } from '../yaml/schema-helpers.ts';
import { asRecord } from './as-record.ts';
import { parseTime } from './parse-time.ts';
import { always } from './refine-always.ts';
import { timeSchema } from './time-schema.ts';

export const clipSchema = z
  .strictObject({
    in: timeSchema('Where the clip starts in the footage (default 0)').optional(),
    out: timeSchema('Where the clip ends in the footage (not with duration)').optional(),
    duration: timeSchema('Length of the clip; for a still, how long it is shown (not with out)').optional(),
    caption: textOf(500).meta({ description: 'Text shown over the clip, drawn literally' }).optional(),
    captions: localPath('captions file').meta({ description: 'SRT or WebVTT file, times relative to the footage (not with caption)' }).optional(),
  })
  .superRefine((value, ctx) => {
    const clip = asRecord(value);
    if (!clip) return;
    const start = parseTime(clip.in);
    const end = parseTime(clip.out);
    const duration = parseTime(clip.duration);
    if (clip.out !== undefined && clip.duration !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['duration'], message: 'give either `out` (where the clip ends) or `duration` (how long it is), not both; remove one' });
    } else if (end !== undefined && end <= (start ?? 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['out'],
        message: `out (${formatSeconds(end)}) must be after in (${formatSeconds(start ?? 0)}); make out later than in, or swap them`,
      });
    }
    if (duration === 0) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'is 0; give a duration greater than 0 (seconds)' });
    if (clip.caption !== undefined && clip.captions !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['captions'], message: 'give either `caption` (one text) or `captions` (a timed SRT/VTT file), not both; remove one' });
    }
  }, always)
  .meta({ description: 'A piece of the footage to show' });

function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(3))} s`;
}
