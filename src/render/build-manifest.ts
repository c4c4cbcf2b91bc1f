// The manifest after a run: what this run made, plus what earlier runs made that is still
// current; every failure, with its place in the spec.
import { relative } from 'node:path';
import type { PromoSpec } from '../spec/spec-types.ts';
import { formatLocation, type PromoError } from '../util/promo-error.ts';
import type { Manifest, ManifestArtifact, ManifestFailure } from './manifest.ts';

/** What buildManifest needs to know of each job of the run. */
export interface ManifestJob {
  /** SKU, or null for the reel. */
  sku: string | null;
  status: string;
  error?: PromoError;
  artifacts: ManifestArtifact[];
}

/** The name jobs and failures use for the reel. */
export const REEL = 'reel';

/** Merges this run's results with the previous manifest. */
export function buildManifest(
  spec: PromoSpec,
  outDir: string,
  previous: Manifest | undefined,
  jobs: ManifestJob[],
  failedPresets: Map<string, Set<string>>,
): Manifest {
  const artifacts: ManifestArtifact[] = [];
  const failures: ManifestFailure[] = [];
  const touched = new Set(jobs.map((j) => j.sku ?? REEL));
  const known = new Set(spec.products.map((p) => p.sku));
  const sameOutput = (a: ManifestArtifact, b: ManifestArtifact) => a.sku === b.sku && a.preset === b.preset && a.kind === b.kind;
  for (const job of jobs) {
    artifacts.push(...job.artifacts);
    if ((job.status === 'failed' || job.status === 'partial') && job.error) failures.push(toFailure(job.sku, job.error, spec));
  }
  // Keep what earlier runs made and this one did not replace: cached outputs, other presets,
  // products left out by --only (while they are still in the spec).
  for (const old of previous?.artifacts ?? []) {
    const stillInSpec = (old.sku === null ? spec.reel : known.has(old.sku)) && spec.outputs.some((p) => p.name === old.preset);
    if (!stillInSpec || artifacts.some((a) => sameOutput(a, old))) continue;
    // An output this run tried and failed to make again is no longer current.
    if (failedPresets.get(old.sku ?? REEL)?.has(old.preset)) continue;
    artifacts.push(old);
  }
  for (const old of previous?.failures ?? []) {
    if (!touched.has(old.sku ?? REEL) && (old.sku === null ? spec.reel : known.has(old.sku))) failures.push(old);
  }
  artifacts.sort((a, b) => (a.sku ?? '\uffff').localeCompare(b.sku ?? '\uffff') || a.preset.localeCompare(b.preset) || a.kind.localeCompare(b.kind));
  return { version: 1, spec: relative(outDir, spec.file), generatedAt: new Date().toISOString(), artifacts, failures, warnings: [] };
}

function toFailure(sku: string | null, error: PromoError, spec: PromoSpec): ManifestFailure {
  return {
    sku,
    code: error.code,
    message: error.message,
    ...(error.location ? { location: formatLocation(error.location, spec.dir) } : {}),
    ...(error.hint ? { hint: error.hint } : {}),
  };
}
