// How footage fills a frame of another shape (`fit`, and `focus` for crop): written the same in the
// spec, a product and an output.
import { numberIn } from '../yaml/schema-helpers.ts';
import { z } from 'zod';

export const fitSchema = z.enum(['blur', 'crop', 'pad', 'smart']).meta({
  description: 'How footage fills a frame of another shape: blur (blurred copy behind), crop (fill, cut the overflow), pad (brand colour bars), smart (a crop that follows the important part of the picture; blur when it does not fit)',
});

export const focusSchema = numberIn(0, 1).meta({ description: 'For crop: where the picture is kept, 0 left/top, 0.5 centre, 1 right/bottom' });
