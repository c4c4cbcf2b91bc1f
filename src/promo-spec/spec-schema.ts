// The promo spec's shape as written by a person: types, ranges, allowed fields and the checks that
// need nothing but the spec itself. The JSON schema for editors is generated from this.
// Checks that need the file system or a time zone are in check-spec-context.ts. Each section's
// schema is in its own file (stream-schema.ts, products-schema.ts, outputs-schema.ts,
// posts-schema.ts, look-schemas.ts); this one puts them together with the spec-wide fields.
import { z } from 'zod';
import { DEFAULT_FIT } from '../presets/presets.ts';
import { localPath, nameOf, numberIn, textOf } from '../yaml/schema-helpers.ts';
import { fitSchema, focusSchema } from './fit-schema.ts';
import { brandSchema, cardSchema, musicSchema, transitionSchema } from './look-schemas.ts';
import { outputsSchema } from './outputs-schema.ts';
import { postsSchema } from './posts-schema.ts';
import { productsSchema } from './products-schema.ts';
import { streamSchema } from './stream-schema.ts';

/** The whole spec. */
export const specSchema = z
  .strictObject({
    stream: streamSchema.meta({ description: 'The live stream the videos promote' }),
    brand: brandSchema.optional(),
    currency: textOf(8).default('¥').meta({ description: 'Currency symbol, at most 8 characters' }),
    products: productsSchema,
    // No `outputs` means the one platform nearly every user of promo posts to.
    outputs: outputsSchema.default(['douyin']),
    // Optional, not defaulted: an output's preset may have its own fit, which an unwritten spec fit leaves alone.
    fit: fitSchema.optional().meta({ default: DEFAULT_FIT }),
    focus: focusSchema.default(0.5),
    intro: cardSchema('Title card with stream title, host and date', 2),
    outro: cardSchema('End card with start time, url and call to action', 2.5),
    transition: transitionSchema,
    music: musicSchema.optional(),
    posts: postsSchema.optional().meta({ description: 'Announcements to post before the stream (promo schedule / promo daemon)' }),
    loudness: numberIn(-40, -5, { unit: ' LUFS' }).default(-14).meta({ description: 'Integrated loudness target; true peak stays at or below -1 dBTP' }),
    reel: z.boolean().default(false).meta({ description: 'Also render one video of all products' }),
    quality: z.enum(['draft', 'standard', 'high']).default('standard').meta({ description: 'Encoding effort and bitrate' }),
    templates: localPath('templates folder', 'folder').meta({ description: 'Folder whose files override the built-in templates' }).optional(),
    captionStyle: nameOf('caption style').default('default').meta({ description: 'A style in templates/captions/' }),
  })
  .meta({ title: 'promo spec', description: 'Turns product footage into platform-ready short videos' });

export type SpecInput = z.output<typeof specSchema>;
