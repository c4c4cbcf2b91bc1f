// `clips: auto`: promo analyses the footage and picks the clips (promo suggest shows which, and
// why); the forms it is written in and the defaults of its count and length.
import { z } from 'zod';
import { numberIn } from '../yaml/schema-helpers.ts';

/** `clips: auto` picks this many clips of this many seconds (also `promo suggest`'s defaults). */
export const AUTO_CLIPS_DEFAULTS = { count: 3, length: 4 } as const;

/** One flat union with the list (not a nested one), so a wrong value gets one message naming every form. */
export const autoClipsForms = [
  z.literal('auto'),
  z.strictObject({
    auto: z.strictObject({
      count: numberIn(1, 20, { integer: true }).default(AUTO_CLIPS_DEFAULTS.count).meta({ description: 'How many clips to pick' }),
      length: numberIn(0.5, 60, { unit: ' s' }).default(AUTO_CLIPS_DEFAULTS.length).meta({ description: 'Seconds per clip (each may be up to a quarter shorter or longer, to start and end in a pause or on a cut)' }),
    }),
  }),
] as const;
