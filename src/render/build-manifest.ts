// The manifest after a run: what this run made, plus every earlier artifact whose file is still in
// the output folder (whichever spec or command made it); every failure, with its place in the spec.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import { formatLocation, type PromoError } from '../util/promo-error.ts';
import type { Manifest, ManifestArtifact, ManifestFailure, RunArtifact } from './manifest.ts';

/** What buildManifest needs to know of each job of the run. */
export interface ManifestJob {
  /** SKU, or null for the reel. */
  sku: string | null;
  status: string;
  error?: PromoError;
  artifacts: RunArtifact[];
}

/** The name jobs and failures use for the reel. */
export const REEL = 'reel';

/** Merges this run's results with the previous manifest (read under the output folder's lock). */
export function buildManifest(
  spec: PromoSpec,
  outDir: string,
  previous: Manifest | undefined,
  jobs: ManifestJob[],
  failedPresets: Map<string, Set<string>>,
): Manifest {
  const specPath = relative(outDir, spec.file);
  // Manifests written before artifacts named their spec lack the field: the top-level spec made them.
  const madeBy = (entry: { spec?: string }): string | undefined => entry.spec ?? previous?.spec;
  const artifacts: ManifestArtifact[] = [];
  const failures: ManifestFailure[] = [];
  const warnings: string[] = [];
  const touched = new Set(jobs.map((j) => j.sku ?? REEL));
  const known = new Set(spec.products.map((p) => p.sku));
  for (const job of jobs) {
    artifacts.push(...job.artifacts.map((a) => ({ ...a, spec: specPath })));
    if ((job.status === 'failed' || job.status === 'partial') && job.error) failures.push(toFailure(job.sku, job.error, spec, specPath));
  }
  const made = new Set(artifacts.map((a) => a.path));
  // Keep what earlier runs made and this one did not replace, as long as its file is there:
  // cached outputs, other presets, products left out by --only or by a watch job, the reel, and
  // the outputs of other specs that share this folder.
  for (const old of previous?.artifacts ?? []) {
    const owner = madeBy(old);
    if (made.has(old.path)) {
      if (owner !== undefined && owner !== specPath) warnings.push(`${old.path} was made by ${owner} and is now replaced by ${specPath}: two specs write the same SKU into this folder`);
      continue;
    }
    if (!existsSync(join(outDir, old.path))) continue;
    // An output this run tried and failed to make again is no longer current.
    if (owner === specPath && failedPresets.get(old.sku ?? REEL)?.has(old.preset)) continue;
    artifacts.push({ ...old, spec: owner ?? specPath });
  }
  // Another spec's failures stay until that spec runs again; this spec's stay while the run left
  // them alone and their product (or the reel) is still in the spec.
  for (const old of previous?.failures ?? []) {
    const owner = madeBy(old) ?? specPath;
    const current = owner !== specPath || (!touched.has(old.sku ?? REEL) && (old.sku === null ? spec.reel : known.has(old.sku)));
    if (current) failures.push({ ...old, spec: owner });
  }
  artifacts.sort((a, b) => compareText(a.sku ?? '\uffff', b.sku ?? '\uffff') || compareText(a.preset, b.preset) || compareKind(a.kind, b.kind) || compareText(a.path, b.path));
  return { version: 1, spec: specPath, generatedAt: new Date().toISOString(), artifacts, failures, warnings };
}

// localeCompare's first call sets up ICU's collator, ~20 ms of CPU and more of wall on a loaded
// machine, after the encode: equal strings (one product's video and cover) need no collator, and
// the same order comes out.
function compareText(a: string, b: string): number {
  return a === b ? 0 : a.localeCompare(b);
}

// `cover`, `reel`, `video`: lowercase ASCII letters, in the same order by code unit as by localeCompare.
function compareKind(a: ManifestArtifact['kind'], b: ManifestArtifact['kind']): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function toFailure(sku: string | null, error: PromoError, spec: PromoSpec, specPath: string): ManifestFailure {
  return {
    sku,
    spec: specPath,
    code: error.code,
    message: error.message,
    ...(error.location ? { location: formatLocation(error.location, spec.dir) } : {}),
    ...(error.hint ? { hint: error.hint } : {}),
  };
}
