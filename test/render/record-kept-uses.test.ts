// The record of use after a render names, for each artifact, only what its own job noted: two
// promo workers rendering different products into one output folder at the same time each see the
// other's fresh files in the listing (written since their render began), and a file this process
// touched outside any job is no output's input either.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KeptEntry } from '../../src/render/kept-cache/kept-entry.ts';
import { recordKeptUses } from '../../src/render/kept-cache/record-kept-uses.ts';

const OUT = join('/', 'srv', 'promo-out');
const SINCE = 1_000_000;
const entry = (path: string, mtimeMs: number): KeptEntry => ({ kind: 'images', path, bytes: 10, mtimeMs });
const abs = (path: string) => join(OUT, ...path.split('/'));

describe('recordKeptUses', () => {
  // Worker A renders TEA, worker B renders COF into the same folder; A records after B drew its caption.
  const entries = [
    entry('.promo/images/caption-tea.png', SINCE + 10),
    entry('.promo/images/caption-cof.png', SINCE + 20),
    entry('.promo/images/logo-1.png', SINCE + 5),
    entry('.promo/images/caption-old.png', SINCE - 50_000),
  ];

  it('gives a worker\'s artifact only the files its job noted, not another worker\'s fresh ones', () => {
    const previous = { 'cof-key': ['.promo/images/caption-cof.png', '.promo/images/logo-1.png'] };
    const uses = recordKeptUses(previous, entries, [
      { artifacts: [{ key: 'tea-key' }], keptUsed: [abs('.promo/images/caption-tea.png'), abs('.promo/images/logo-1.png')] },
    ], OUT);
    expect(uses['tea-key']).toEqual(['.promo/images/caption-tea.png', '.promo/images/logo-1.png']);
    // Worker B's record, read under the lock, is left as B wrote it.
    expect(uses['cof-key']).toEqual(previous['cof-key']);
  });

  it('counts a kept file no job noted (touched outside every job, or by another promo) for no output', () => {
    const uses = recordKeptUses({}, entries, [
      { artifacts: [{ key: 'tea-key' }], keptUsed: [abs('.promo/images/caption-tea.png')] },
      { artifacts: [{ key: 'reel-key' }], keptUsed: [] },
    ], OUT);
    expect(uses).toEqual({ 'tea-key': ['.promo/images/caption-tea.png'], 'reel-key': [] });
  });
});
