// The spec's sections on how every video looks and sounds beside its footage: the brand (logo and
// colour), the intro and outro cards, the transition between clips, the music bed.
import { z } from 'zod';
import { describeValue, localPath, numberIn } from '../yaml/schema-helpers.ts';

export const brandSchema = z.strictObject({
  logo: localPath('logo').meta({ description: 'Logo image, relative to the spec' }).optional(),
  color: z
    .string()
    .regex(/^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$/, {
      error: (iss) => `${describeValue(iss.input)} is not a colour; write "#RGB" or "#RRGGBB" in quotes, e.g. "#E60012"`,
    })
    .default('#E60012')
    .meta({ description: '"#RGB" or "#RRGGBB" (quote it: # starts a YAML comment)' }),
});

/** `intro` or `outro`: shown or not, or for how long. */
export const cardSchema = (what: string, defaultSeconds: number) =>
  z
    .union(
      [z.boolean(), z.strictObject({ duration: numberIn(0.5, 10, { unit: ' s' }) })],
      { error: 'true, false or `{ duration: seconds }`' },
    )
    .default(true)
    .meta({ description: `${what}; true = ${defaultSeconds} s` });

const TRANSITIONS = ['cut', 'fade', 'crossfade'] as const;
export const transitionSchema = z
  .union(
    [
      z.enum(TRANSITIONS),
      z.strictObject({
        type: z.enum(TRANSITIONS),
        duration: numberIn(0.1, 2, { unit: ' s' }).default(0.4).meta({ description: 'Seconds the transition takes' }),
      }),
    ],
    { error: 'cut, fade, crossfade, or `{ type, duration }`' },
  )
  .default('cut')
  .meta({ description: 'How clips and cards join: cut; fade (through black, works everywhere); crossfade (needs an ffmpeg with xfade, 4.3+; else a fade)' });

export const musicSchema = z
  .union(
    [
      localPath('music file'),
      z.strictObject({
        file: localPath('music file'),
        volume: numberIn(-40, 6, { unit: ' dB' }).default(-12).meta({ description: 'Gain of the music bed, dB' }),
        duck: z.boolean().default(true).meta({ description: 'Lower the music while the footage has sound' }),
      }),
    ],
    { error: 'a music file path, or `{ file, volume, duck }`' },
  )
  .meta({ description: 'Background music, ducked under the footage sound' });
