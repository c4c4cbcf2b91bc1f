import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { specJsonSchema, specJsonSchemaText } from '../../src/promo-spec/spec-json-schema.ts';
import { specSchema } from '../../src/promo-spec/spec-schema.ts';
import { TIME_PATTERN } from '../../src/promo-spec/parse-time.ts';

type JsonObject = Record<string, any>;

describe('specJsonSchema', () => {
  it('equals the committed schema/promo-spec.schema.json (regenerate: see src/promo-spec/spec-json-schema.ts)', async () => {
    const committed = await readFile(new URL('../../schema/promo-spec.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(specJsonSchemaText());
    expect(committed.endsWith('}\n')).toBe(true);
  });

  it('describes every top-level field, closed to unknown ones, with the required ones', () => {
    const schema = specJsonSchema() as JsonObject;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toEqual(Object.keys(specSchema.shape));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['stream', 'products']);
  });

  it('gives editors the clip fields, the time pattern and the defaults', () => {
    const schema = specJsonSchema() as JsonObject;
    const product = schema.properties.products.items;
    // footage may be left out in a watched spec (the dropped file is the footage).
    expect(product.required).toEqual(['sku', 'clips']);
    // clips: a list of clips, or auto / { auto: { count, length } }.
    const [list, auto, options] = product.properties.clips.anyOf;
    const clip = list.items;
    expect(auto).toEqual({ type: 'string', const: 'auto' });
    expect(options.properties.auto.properties.count).toMatchObject({ default: 3, minimum: 1, maximum: 20 });
    expect(Object.keys(clip.properties)).toEqual(['in', 'out', 'duration', 'caption', 'captions']);
    expect(clip.additionalProperties).toBe(false);
    expect(clip.properties.in.anyOf[1].pattern).toBe(TIME_PATTERN.source);
    expect(schema.properties.loudness).toMatchObject({ default: -14, minimum: -40, maximum: -5 });
    expect(schema.properties.outputs.default).toEqual(['douyin']);
    expect(schema.properties.fit).toMatchObject({ default: 'blur', enum: ['blur', 'crop', 'pad', 'smart'] });
  });
});
