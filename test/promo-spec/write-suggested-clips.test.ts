// promo suggest --write changes only the characters of each product's `clips:` value: comments,
// quoting and flow lists elsewhere stay byte for byte, and the spec reads back with the clips.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { spliceSuggestedClips } from '../../src/promo-spec/write-suggested-clips.ts';

const SPEC = `# A spec a person wrote
stream: { title: 'Auto clips' }   # kept as written
products:
  - sku: TEA-1
    footage: take.mp4
    # let promo pick
    clips: auto # for now
    price: 99
  - sku: CUP-2
    footage: cup.mp4
    clips:
      - { in: 1, out: 3, caption: "old" }
      # an old note
      - in: 4
        out: 6
  - { sku: BOWL-3, footage: bowl.mp4, clips: { auto: { count: 2 } } }
outputs: [douyin, square]
`;

const picked = (product: number) => ({ product, clips: [{ in: 0.5, out: 4.5, note: 'promo suggest: score 0.9' }, { in: 10, out: 14 }] });

describe('spliceSuggestedClips', () => {
  const text = spliceSuggestedClips(SPEC, [picked(0), picked(1), picked(2)], 'spec.yaml');

  it('reads back with the picked clips in every product', () => {
    const products = (parse(text) as { products: { clips: unknown; price?: number }[] }).products;
    for (const product of products) expect(product.clips).toEqual([{ in: 0.5, out: 4.5 }, { in: 10, out: 14 }]);
    expect(products[0]!.price).toBe(99);
  });

  it('changes nothing outside the clips values', () => {
    expect(text).toContain("stream: { title: 'Auto clips' }   # kept as written\n");
    expect(text).toContain('outputs: [douyin, square]\n');
    expect(text).toContain('    # let promo pick\n    clips:\n      - { in: 0.5, out: 4.5 } # promo suggest: score 0.9\n      - { in: 10, out: 14 } # for now\n    price: 99\n');
    expect(text).toContain('    clips:\n      - { in: 0.5, out: 4.5 } # promo suggest: score 0.9\n      - { in: 10, out: 14 }\n  - { sku: BOWL-3');
    expect(text).toContain('  - { sku: BOWL-3, footage: bowl.mp4, clips: [{ in: 0.5, out: 4.5 }, { in: 10, out: 14 }] }\n');
    expect(text.startsWith('# A spec a person wrote\n')).toBe(true);
  });

  it('refuses a product that is not there', () => {
    expect(() => spliceSuggestedClips(SPEC, [picked(7)], 'spec.yaml')).toThrow(/products\[7\] is not a mapping/);
  });
});
