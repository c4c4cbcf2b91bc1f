// What the Clips page shows, as data: per spec and product (and the reel), every preset's video
// and cover from the manifests, the preset's frame and safe zones, the product's failures, and
// its clips as the spec has them now (for the edit forms). Pure apart from loading each spec once.
import type { ArtifactFailureView, ArtifactFolderView, ArtifactView } from '../read/read-artifacts.ts';
import type { LoadSpecResult } from '../promo-spec/load-spec.ts';
import type { ClipSpec, PromoSpec } from '../promo-spec/spec-types.ts';
import { findPreset, type SafeZone } from '../presets/presets.ts';
import type { YamlIssue } from '../yaml/yaml-issue.ts';
import { pathId } from './path-id.ts';

export interface ClipsView {
  specs: SpecClips[];
  /** Folders whose manifest could not be read, and manifest warnings. */
  notes: string[];
}

export interface SpecClips {
  id: string;
  file: string;
  /** The output folder its artifacts are in (where a re-render writes). */
  outDir: string;
  /** When the spec does not load now (it was edited by hand since): why; no edit forms then. */
  issues?: YamlIssue[];
  spec?: PromoSpec;
  products: ProductClips[];
}

export interface ProductClips {
  /** null for the reel. */
  sku: string | null;
  name?: string;
  tiles: PresetTile[];
  failures: ArtifactFailureView[];
  /** As in the spec now (undefined for the reel, or when the spec does not load). */
  clips?: readonly ClipSpec[];
}

export interface PresetTile {
  preset: string;
  width: number;
  height: number;
  safe?: SafeZone;
  video?: ArtifactView;
  cover?: ArtifactView;
}

/** Groups the artifacts of `folders` by spec, product and preset; `load` reads a spec (once each). */
export async function buildClipsView(folders: readonly ArtifactFolderView[], load: (file: string) => Promise<LoadSpecResult>): Promise<ClipsView> {
  const notes: string[] = [];
  const specs = new Map<string, SpecClips>();
  const products = new Map<SpecClips, Map<string | null, ProductClips>>();
  const productOf = (spec: SpecClips, sku: string | null): ProductClips => {
    let bySku = products.get(spec);
    if (!bySku) products.set(spec, (bySku = new Map()));
    let product = bySku.get(sku);
    if (!product) {
      product = { sku, tiles: [], failures: [] };
      bySku.set(sku, product);
      spec.products.push(product);
    }
    return product;
  };
  const specOf = (file: string, outDir: string): SpecClips => {
    let spec = specs.get(file);
    if (!spec) {
      spec = { id: pathId(file), file, outDir, products: [] };
      specs.set(file, spec);
    }
    return spec;
  };
  for (const folder of folders) {
    if (folder.manifest === 'unreadable') notes.push(`${folder.folder}: manifest.json is not a promo manifest`);
    notes.push(...folder.warnings);
    for (const artifact of folder.artifacts) {
      if (!artifact.exists) continue;
      const product = productOf(specOf(artifact.specFile, folder.folder), artifact.sku);
      let tile = product.tiles.find((t) => t.preset === artifact.preset);
      if (!tile) {
        tile = { preset: artifact.preset, width: artifact.width, height: artifact.height };
        product.tiles.push(tile);
      }
      if (artifact.kind === 'cover') tile.cover = artifact;
      else tile.video = artifact;
    }
    for (const failure of folder.failures) productOf(specOf(failure.specFile, folder.folder), failure.sku).failures.push(failure);
  }

  await Promise.all([...specs.values()].map(async (entry) => {
    const loaded = await load(entry.file);
    if (!loaded.ok) {
      entry.issues = loaded.issues;
      return;
    }
    entry.spec = loaded.spec;
    const order = new Map(loaded.spec.products.map((p, index) => [p.sku, index]));
    for (const product of entry.products) {
      const spec = product.sku === null ? undefined : loaded.spec.products[order.get(product.sku) ?? -1];
      product.name = spec?.name;
      product.clips = spec?.clips;
    }
    // Products the spec has but nothing was rendered for yet still get their edit forms.
    const listed = new Set(entry.products.map((p) => p.sku));
    for (const spec of loaded.spec.products) if (!listed.has(spec.sku)) entry.products.push({ sku: spec.sku, name: spec.name, tiles: [], failures: [], clips: spec.clips });
    entry.products.sort((a, b) => (a.sku === null ? 1e9 : order.get(a.sku) ?? 1e8) - (b.sku === null ? 1e9 : order.get(b.sku) ?? 1e8));
    const outputs = new Map(loaded.spec.outputs.map((output, index) => [output.name, { output, index }]));
    for (const product of entry.products) {
      for (const tile of product.tiles) tile.safe = (outputs.get(tile.preset)?.output ?? findPreset(tile.preset))?.safe;
      product.tiles.sort((a, b) => (outputs.get(a.preset)?.index ?? 99) - (outputs.get(b.preset)?.index ?? 99));
    }
  }));
  for (const entry of specs.values()) {
    if (entry.spec) continue;
    for (const product of entry.products) for (const tile of product.tiles) tile.safe = findPreset(tile.preset)?.safe;
  }
  return { specs: [...specs.values()].sort((a, b) => a.file.localeCompare(b.file)), notes };
}
