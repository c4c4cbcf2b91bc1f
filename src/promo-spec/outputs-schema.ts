// The spec's `outputs`: preset names, or objects that override a preset or define a custom frame
// (size, rate, fit, logo, longest duration, safe margins); each output listed once.
import { z } from 'zod';
import { findPreset } from '../presets/presets.ts';
import { nameOf, numberIn } from '../yaml/schema-helpers.ts';
import { asRecord } from './as-record.ts';
import { fitSchema } from './fit-schema.ts';
import { always } from './refine-always.ts';
import { describeUnknownPreset, type OutputObject } from './resolve-output.ts';

export type OutputEntry = string | OutputObject;

const safeSchema = z.strictObject({
  top: numberIn(0, 4096, { integer: true, unit: ' px' }),
  bottom: numberIn(0, 4096, { integer: true, unit: ' px' }),
  left: numberIn(0, 4096, { integer: true, unit: ' px' }),
  right: numberIn(0, 4096, { integer: true, unit: ' px' }),
}).meta({ description: 'Pixels along each edge that the platform UI covers' });

const outputNameSchema = z.string().superRefine((name, ctx) => {
  if (!findPreset(name)) ctx.addIssue({ code: 'custom', message: describeUnknownPreset(name, { allowCustom: true }) });
});

const outputObjectSchema = z
  .strictObject({
    name: nameOf('output name').meta({ description: 'A preset to override, or the name of a custom output' }),
    width: numberIn(16, 4096, { even: true, unit: ' px' }).optional(),
    height: numberIn(16, 4096, { even: true, unit: ' px' }).optional(),
    fps: numberIn(10, 60, { integer: true }).optional(),
    fit: fitSchema.optional(),
    logo: z.boolean().optional(),
    maxDuration: numberIn(1, 36000, { unit: ' s' }).optional(),
    safe: safeSchema.optional(),
  })
  .superRefine((value, ctx) => {
    const output = asRecord(value);
    if (!output || typeof output.name !== 'string') return;
    const known = findPreset(output.name) !== undefined;
    if (!known && (output.width === undefined || output.height === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: describeUnknownPreset(output.name, { allowCustom: false }) });
      return;
    }
    const width = typeof output.width === 'number' ? output.width : findPreset(output.name)?.width;
    const height = typeof output.height === 'number' ? output.height : findPreset(output.name)?.height;
    const safe = asRecord(output.safe);
    if (safe && width !== undefined && height !== undefined) {
      const num = (key: string) => (typeof safe[key] === 'number' ? (safe[key] as number) : 0);
      if (num('top') + num('bottom') >= height || num('left') + num('right') >= width) {
        ctx.addIssue({ code: 'custom', path: ['safe'], message: `leaves no picture inside a ${width}×${height} frame; make the margins smaller` });
      }
    }
  }, always);

export const outputsSchema = z
  .array(
    z.union([outputNameSchema, outputObjectSchema], { error: 'a preset name (douyin) or `{ name, width, height, … }`' }),
  )
  .min(1, { error: 'is empty; list at least one output, e.g. `[douyin]`' })
  .superRefine((entries, ctx) => {
    // With `always`, this also runs on a value that is not a list at all.
    if (!Array.isArray(entries)) return;
    const seen = new Map<string, number>();
    entries.forEach((entry: unknown, index) => {
      const name = typeof entry === 'string' ? entry : asRecord(entry)?.name;
      if (typeof name !== 'string') return;
      const key = (findPreset(name)?.name ?? name).toLowerCase();
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, index);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        path: typeof entry === 'string' ? [index] : [index, 'name'],
        message: `output \`${name}\` is listed twice (also outputs[${first}]); remove one, or give a custom output another name`,
      });
    });
  }, always)
  .meta({ description: 'Preset names, or objects overriding a preset / defining a custom frame' });
