// The end of a distributed `promo render`: the same result (job summaries, manifest) a local
// render returns, built from the workers' outcomes and the manifest they wrote, so the CLI machine
// runs no ffmpeg. A failure's code, message and place in the spec come from that manifest; a job
// that failed before it could render (stalled, spec not loadable there) is added to it.
import { join, relative, resolve } from 'node:path';
import type { PromoSpec } from '../../promo-spec/spec-types.ts';
import { MANIFEST_NAME, readManifest, writeManifest, type Manifest, type ManifestFailure } from '../../render/manifest.ts';
import type { BatchResult, JobSummary } from '../../render/render-batch-types.ts';
import { PromoError, type PromoErrorCode } from '../../util/promo-error.ts';
import { withFileLock } from '../../util/with-file-lock.ts';
import type { WorkerOutcome } from './render-on-workers.ts';

/** Builds the batch result of a render the workers did, from their outcomes and manifest. */
export async function workersBatchResult(spec: PromoSpec, outDir: string, outcomes: WorkerOutcome[]): Promise<BatchResult> {
  const specPath = relative(outDir, spec.file);
  return withFileLock(join(outDir, '.promo', 'lock'), async () => {
    const found = await readManifest(outDir);
    const manifest: Manifest = found ?? { version: 1, spec: specPath, generatedAt: new Date().toISOString(), artifacts: [], failures: [], warnings: [] };
    let changed = !found;
    const jobs: JobSummary[] = outcomes.map((outcome) => {
      const failure = manifest.failures.find((f) => f.sku === outcome.sku && f.spec === specPath);
      if (outcome.state === 'completed' && outcome.value) {
        const { value } = outcome;
        return { name: outcome.name, sku: outcome.sku, ...value, ...(value.status === 'partial' && failure ? { error: toError(failure, spec) } : {}) };
      }
      let known = failure;
      if (!known) {
        known = { sku: outcome.sku, spec: specPath, code: 'RENDER_FAILED', message: `failed on the workers: ${outcome.failedReason ?? 'no reason given'}` };
        manifest.failures.push(known);
        changed = true;
      }
      return { name: outcome.name, sku: outcome.sku, status: 'failed', presets: [], artifacts: [], error: toError(known, spec) };
    });
    const manifestPath = changed ? await writeManifest(outDir, manifest) : join(outDir, MANIFEST_NAME);
    return { jobs, manifest, manifestPath, interrupted: false };
  });
}

function toError(failure: ManifestFailure, spec: PromoSpec): PromoError {
  // The manifest's location is `file:LINE:COL` relative to the spec's folder.
  const place = failure.location?.match(/^(.*):(\d+):(\d+)$/);
  return new PromoError(failure.code as PromoErrorCode, failure.message, {
    hint: failure.hint,
    ...(place ? { location: { file: resolve(spec.dir, place[1]!), line: Number(place[2]), col: Number(place[3]) } } : {}),
  });
}
