// The manifest's artifacts in their order (SKU, preset, kind, path; the reel last), and one
// product's video and cover sorted without ICU's collator, whose set-up sat after the encode.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildManifest, type ManifestJob } from '../../src/render/build-manifest.ts';
import type { RunArtifact } from '../../src/render/manifest.ts';
import type { PromoSpec } from '../../src/promo-spec/spec-types.ts';

const OUT = '/promo-test-out';
const spec = { file: `${OUT}/spec.yaml`, dir: OUT, products: [], reel: true } as unknown as PromoSpec;

function artifact(sku: string | null, preset: string, kind: RunArtifact['kind'], path = `${sku ?? 'reel'}/${preset}.${kind}`): RunArtifact {
  return { sku, preset, kind, path, width: 1080, height: 1920, sha256: 'x', bytes: 1, key: 'k', renderedAt: '2020-01-01T00:00:00.000Z' };
}

function order(jobs: ManifestJob[]): string[] {
  return buildManifest(spec, OUT, undefined, jobs, new Map()).artifacts.map((a) => `${a.sku ?? '-'} ${a.preset} ${a.kind} ${a.path}`);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('buildManifest order', () => {
  it("sorts one product's video and cover without localeCompare", () => {
    const compare = vi.spyOn(String.prototype, 'localeCompare');
    expect(order([{ sku: 'P1', status: 'rendered', artifacts: [artifact('P1', 'douyin', 'video'), artifact('P1', 'douyin', 'cover')] }]))
      .toEqual(['P1 douyin cover P1/douyin.cover', 'P1 douyin video P1/douyin.video']);
    expect(compare).not.toHaveBeenCalled();
  });

  it('sorts as localeCompare does: SKU (the reel last), preset, kind, path', () => {
    const skus = ['tea-2', 'Tea-1', 'TEA_3', '茶-1', 'b'];
    const made = (sku: string | null) => [artifact(sku, 'square', 'video'), artifact(sku, 'Douyin', 'video'), artifact(sku, 'douyin', 'cover'), artifact(sku, 'douyin', 'cover', `${sku}/a.jpg`), artifact(sku, 'douyin', 'reel')];
    const jobs: ManifestJob[] = [null, ...skus].map((sku) => ({ sku, status: 'rendered', artifacts: made(sku) }));
    // The comparison the manifest always used, localeCompare throughout.
    const expected = jobs.flatMap((j) => j.artifacts)
      .sort((a, b) => (a.sku ?? '\uffff').localeCompare(b.sku ?? '\uffff') || a.preset.localeCompare(b.preset) || a.kind.localeCompare(b.kind) || a.path.localeCompare(b.path))
      .map((a) => `${a.sku ?? '-'} ${a.preset} ${a.kind} ${a.path}`);
    expect(order(jobs)).toEqual(expected);
    expect(expected.at(-1)).toBe('- square video reel/square.video');
  });
});
