// `promo render`: every selected product into every selected preset, then the reel. Products are
// independent: one's bad footage fails that product only. Unchanged outputs are not rendered
// again. The manifest lists what exists and what failed.
import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { PromoConfig } from '../config/config-types.ts';
import { FileHasher, hashValue } from '../cache/file-hasher.ts';
import { analyseFootage } from '../analysis/analyse-footage.ts';
import { suggestFootage } from '../analysis/suggest-footage.ts';
import { detectCapabilities } from '../engine/detect-capabilities.ts';
import { resolveEngine } from '../engine/resolve-engine.ts';
import { limitSharpMemory } from '../media/limit-sharp-memory.ts';
import { loadTemplates } from '../graphics/load-templates.ts';
import { normalizeStill } from '../graphics/normalize-still.ts';
import { prepareFonts } from '../graphics/prepare-fonts.ts';
import { probeMedia } from '../media/probe-media.ts';
import { planEncoding } from '../plan/plan-encoding.ts';
import type { PresetDef } from '../presets/presets.ts';
import type { ProductSpec, PromoSpec } from '../promo-spec/spec-types.ts';
import { PromoError } from '../util/promo-error.ts';
import { runPool } from '../util/run-pool.ts';
import { tempPathFor } from '../util/temp-path.ts';
import { withFileLock } from '../util/with-file-lock.ts';
import { shellCommand } from '../util/shell-command.ts';
import { ffmpegRunArgs } from './ffmpeg-run-args.ts';
import { readManifest, writeManifest, type Manifest, type ManifestArtifact, type RunArtifact } from './manifest.ts';
import { buildManifest, REEL } from './build-manifest.ts';
import { selectPresets, selectProducts } from './select-outputs.ts';
import { asProductError, wrapUnknown } from './as-product-error.ts';
import { planOutputKey, planProductKey, planSharedKey } from './product-keys.ts';
import { readRenderCache, writeRenderCache } from './render-cache-file.ts';
import type { RenderContext } from './render-context.ts';
import { removeStaleTemps } from './remove-stale-temps.ts';
import { splitByDurationLimits } from './split-by-duration-limits.ts';
import { resolveProductMedia, type MediaAccess, type ResolvedProduct } from './resolve-product-media.ts';
import { renderTimelineJob, type TimelineJob } from './render-timeline-job.ts';
import { SegmentStore } from './segment-store.ts';

export interface RenderEvents {
  onNotice?(text: string): void;
  onPlan?(jobs: readonly PlannedJob[]): void;
  onJobStart?(name: string): void;
  onJobProgress?(name: string, fraction: number, stage: string): void;
  onJobEnd?(summary: JobSummary): void;
  /** --dry-run: a command promo would run. */
  onDryRun?(name: string, label: string, command: string): void;
}

export interface PlannedJob {
  name: string;
  presets: string[];
  cached: boolean;
}

export interface RenderBatchOptions {
  spec: PromoSpec;
  config: PromoConfig;
  outDir: string;
  /** SKUs to render (and `reel`); all when undefined. */
  only?: string[];
  /** Preset names to render, a subset of the spec's outputs; all when undefined. */
  presets?: string[];
  force?: boolean;
  /** Plan and print the ffmpeg commands without running them or writing outputs. */
  dryRun?: boolean;
  concurrency?: number;
  signal?: AbortSignal;
  events?: RenderEvents;
  /** Content hashes the caller already knows (the watcher hashed the dropped file), to skip re-reading. */
  knownHashes?: { file: string; sha256: string }[];
  /** Products that failed in another process (a distributed render's workers): the reel leaves them out. */
  leaveOut?: string[];
  /** Look for unfinished files of killed runs first (default true; a watcher does it once at start). */
  sweepStaleTemps?: boolean;
}

/** `partial`: some presets rendered, others refused (the error says which). */
export type JobStatus = 'rendered' | 'partial' | 'cached' | 'planned' | 'failed' | 'interrupted';

export interface JobSummary {
  name: string;
  sku: string | null;
  status: JobStatus;
  presets: string[];
  /** Wall-clock seconds the job took (rendered jobs). */
  seconds?: number;
  /** Seconds of video per preset. */
  duration?: number;
  error?: PromoError;
  artifacts: RunArtifact[];
}

export interface BatchResult {
  jobs: JobSummary[];
  manifest: Manifest;
  manifestPath: string;
  interrupted: boolean;
}

/** Renders a batch; never throws for a product's problems (they are in the result). */
export async function renderBatch(options: RenderBatchOptions): Promise<BatchResult> {
  const { spec, config, outDir } = options;
  const events = options.events ?? {};
  const signal = options.signal ?? new AbortController().signal;
  const presets = selectPresets(spec, options.presets);
  const products = selectProducts(spec, options.only);
  const wantReel = spec.reel && (options.only === undefined || options.only.some((s) => s.toLowerCase() === REEL));

  limitSharpMemory();
  await mkdir(outDir, { recursive: true });
  if (options.sweepStaleTemps !== false) {
    for (const file of await removeStaleTemps(outDir)) events.onNotice?.(`removed an unfinished file from an interrupted run: ${relative(outDir, file)}`);
  }
  const engine = await resolveEngine(config.engine);
  for (const notice of engine.notices) events.onNotice?.(notice);
  const [fonts, templates, cache, previous] = await Promise.all([
    prepareFonts(),
    loadTemplates({ overrideDir: spec.templates }),
    readRenderCache(outDir),
    readManifest(outDir),
  ]);
  const hasher = new FileHasher(cache.files);
  for (const known of options.knownHashes ?? []) await hasher.remember(known.file, known.sha256);
  const graphicsHash = hashValue({
    templates: [templates.intro, templates.outro, templates.cover, templates.badge, templates.logo, ...Object.values(templates.captions)].map((t) => t.hash),
    fonts: [fonts.regular, fonts.bold],
  });
  const sharedKey = await planSharedKey({ spec, hasher, graphicsHash, engineIdentity: engine.identity });
  await mkdir(join(outDir, '.promo'), { recursive: true });
  // A temp folder of the one scheme: the stale-temp sweeper removes it if this run is killed.
  const workDir = tempPathFor(join(outDir, '.promo', 'work'));
  await mkdir(workDir);

  const access: MediaAccess = {
    probeVideo: async (file) => {
      const sha = await hasher.hash(file).catch(() => undefined);
      const known = sha ? cache.probes[sha] : undefined;
      if (known) return { ...known, path: file };
      const info = await probeMedia(file, { ffprobe: engine.ffprobe, kind: 'video', signal });
      if (sha) {
        const { path: _path, ...rest } = info;
        cache.probes[sha] = rest;
      }
      return info;
    },
    analyse: (file, media) => analyseFootage({ ffmpeg: engine.ffmpeg, ffprobe: engine.ffprobe, file, media, hasher, signal, cacheDir: join(outDir, '.promo', 'analysis') }),
    suggestClips: (file, media, auto) => suggestFootage({
      ffmpeg: engine.ffmpeg, ffprobe: engine.ffprobe, file, media, hasher, signal, cacheDir: join(outDir, '.promo', 'analysis'), ...auto,
    }),
    normaliseStill: async (file) => {
      const target = join(workDir, 'stills', `${hashValue(file).slice(0, 16)}.png`);
      await mkdir(join(workDir, 'stills'), { recursive: true });
      const size = await normalizeStill({ input: file, outFile: target });
      return { path: target, ...size };
    },
  };

  const previousArtifacts = previous?.artifacts ?? [];
  const isCurrent = async (sku: string | null, preset: PresetDef, key: string, kinds: ManifestArtifact['kind'][]) => {
    if (options.force) return false;
    for (const kind of kinds) {
      const found = previousArtifacts.find((a) => a.sku === sku && a.preset === preset.name && a.kind === kind && a.key === key);
      if (!found) return false;
      const info = await stat(join(outDir, found.path)).catch(() => undefined);
      if (!info || info.size !== found.bytes) return false;
    }
    return true;
  };

  // Plan: which outputs are current, which need rendering.
  interface ProductPlan { product: ProductSpec; key?: string; error?: PromoError; todo: PresetDef[] }
  const plans: ProductPlan[] = [];
  for (const product of products) {
    try {
      const key = await planProductKey(sharedKey, product, hasher, spec);
      const todo: PresetDef[] = [];
      for (const preset of presets) {
        if (!(await isCurrent(product.sku, preset, planOutputKey(key, preset), ['video', 'cover']))) todo.push(preset);
      }
      plans.push({ product, key, todo });
    } catch (error) {
      plans.push({ product, error: asProductError(spec, product, error), todo: presets });
    }
  }

  const jobs: JobSummary[] = [];
  let capabilities: Awaited<ReturnType<typeof detectCapabilities>> | undefined;
  const context = async (): Promise<RenderContext> => {
    if (!capabilities) {
      const stored = cache.engines?.[engine.identity];
      capabilities = stored
        ? { ...stored, filters: new Set(stored.filters), encoders: new Set(stored.encoders) }
        : await detectCapabilities(engine.ffmpeg);
      cache.engines = {
        [engine.identity]: { ...capabilities, filters: [...capabilities.filters], encoders: [...capabilities.encoders] },
      };
      if (spec.transition.type === 'crossfade' && !capabilities.filters.has('xfade')) {
        events.onNotice?.(`this ffmpeg (${capabilities.version}) has no xfade filter: crossfades become fades through black; set \`ffmpeg:\` in the configuration to an ffmpeg 4.3 or later for crossfades`);
      }
    }
    const transition = spec.transition.type === 'crossfade' && !capabilities.filters.has('xfade')
      ? { type: 'fade' as const, duration: spec.transition.duration }
      : spec.transition;
    return {
      spec, engine, capabilities, fonts, templates, outDir, workDir, transition,
      encode: planEncoding(spec.quality),
      timeoutScale: config.render.timeoutScale,
      signal,
      shared: sharedImages,
      force: options.force,
      hashFile: (file) => hasher.hash(file),
      onNotice: events.onNotice,
      dryRun: options.dryRun ? (label, command) => events.onDryRun?.(currentJob, label, shellCommand(engine.ffmpeg, ffmpegRunArgs(command))) : undefined,
    };
  };
  let currentJob = '';
  const sharedImages: RenderContext['shared'] = new Map();
  const resolvedProducts = new Map<string, ResolvedProduct>();
  const failedProducts = new Set<string>(options.leaveOut);
  /** Presets a job tried and failed to render, by job name: their old outputs are not current. */
  const failedPresets = new Map<string, Set<string>>();
  const warnings: string[] = [];

  events.onPlan?.([
    ...plans.map((p) => ({ name: p.product.sku, presets: presets.map((x) => x.name), cached: p.todo.length === 0 && !p.error })),
    ...(wantReel ? [{ name: REEL, presets: presets.map((x) => x.name), cached: false }] : []),
  ]);

  const productTasks = plans.map((plan) => async () => {
    const { product } = plan;
    const name = product.sku;
    const summary = (status: JobStatus, extra: Partial<JobSummary> = {}): JobSummary => {
      const result: JobSummary = { name, sku: name, status, presets: plan.todo.map((p) => p.name), artifacts: [], ...extra };
      jobs.push(result);
      events.onJobEnd?.(result);
      return result;
    };
    if (plan.error) {
      failedProducts.add(name);
      failedPresets.set(name, new Set(plan.todo.map((p) => p.name)));
      return summary('failed', { error: plan.error });
    }
    if (plan.todo.length === 0) return summary('cached', { presets: presets.map((p) => p.name) });
    if (signal.aborted) return summary('interrupted');
    events.onJobStart?.(name);
    const started = Date.now();
    try {
      const resolved = await resolveProductMedia(spec, product, access);
      resolvedProducts.set(name, resolved);
      const { allowed, refused } = splitByDurationLimits(spec, resolved.duration, plan.todo, product);
      if (allowed.length === 0) throw refused;
      const ctx = await context();
      const job: TimelineJob = {
        name,
        products: [resolved],
        presets: allowed,
        reel: false,
        destination: (preset) => ({
          video: join(outDir, name, `${preset.name}.mp4`),
          cover: join(outDir, name, `${preset.name}.jpg`),
        }),
      };
      currentJob = name;
      const result = await renderTimelineJob(ctx, job, (fraction, stage) => events.onJobProgress?.(name, fraction, stage));
      if (options.dryRun) return summary('planned', { duration: result.duration });
      const renderedAt = new Date().toISOString();
      if (refused) failedPresets.set(name, new Set(plan.todo.filter((p) => !allowed.includes(p)).map((p) => p.name)));
      return summary(refused ? 'partial' : 'rendered', {
        error: refused,
        presets: allowed.map((p) => p.name),
        seconds: (Date.now() - started) / 1000,
        duration: result.duration,
        artifacts: result.artifacts.map((a) => ({
          sku: name,
          preset: a.preset,
          kind: a.kind,
          path: relative(outDir, a.path),
          duration: a.duration,
          width: a.width,
          height: a.height,
          sha256: a.sha256,
          bytes: a.bytes,
          key: planOutputKey(plan.key!, presets.find((p) => p.name === a.preset)!),
          renderedAt,
          ...(result.warning && a.kind === 'video' ? { warning: result.warning } : {}),
        })),
      });
    } catch (error) {
      if (signal.aborted) return summary('interrupted');
      failedProducts.add(name);
      failedPresets.set(name, new Set(plan.todo.map((p) => p.name)));
      return summary('failed', { error: asProductError(spec, product, error) });
    }
  });
  // A dry run prints each job's commands in order, so it runs one job at a time.
  const concurrency = options.dryRun ? 1 : Math.max(1, options.concurrency ?? config.render.concurrency);
  await runPool(productTasks, concurrency);

  if (wantReel && !signal.aborted) await renderReel();

  async function renderReel(): Promise<void> {
    const included: ResolvedProduct[] = [];
    const keys: string[] = [];
    const left: string[] = [];
    for (const product of spec.products) {
      if (failedProducts.has(product.sku)) {
        left.push(product.sku);
        continue;
      }
      try {
        const key = await planProductKey(sharedKey, product, hasher, spec);
        keys.push(key);
        included.push(resolvedProducts.get(product.sku) ?? await resolveProductMedia(spec, product, access));
      } catch {
        left.push(product.sku);
      }
    }
    const summary = (status: JobStatus, extra: Partial<JobSummary> = {}) => {
      const result: JobSummary = { name: REEL, sku: null, status, presets: presets.map((p) => p.name), artifacts: [], ...extra };
      jobs.push(result);
      events.onJobEnd?.(result);
    };
    if (included.length === 0) {
      summary('failed', { error: new PromoError('RENDER_FAILED', 'the reel has no products: every product failed', { hint: 'fix the products above, then render again' }) });
      return;
    }
    const key = hashValue({ keys, left });
    const todo: PresetDef[] = [];
    for (const preset of presets) if (!(await isCurrent(null, preset, planOutputKey(key, preset), ['reel', 'cover']))) todo.push(preset);
    if (left.length > 0) warnings.push(`the reel leaves out ${left.join(', ')} (failed)`);
    if (todo.length === 0) {
      summary('cached');
      return;
    }
    events.onJobStart?.(REEL);
    const started = Date.now();
    try {
      const { allowed, refused } = splitByDurationLimits(spec, included.reduce((s, p) => s + p.duration, 0), todo);
      if (allowed.length === 0) throw refused;
      const ctx = await context();
      currentJob = REEL;
      const result = await renderTimelineJob(ctx, {
        name: REEL,
        products: included,
        presets: allowed,
        reel: true,
        destination: (preset) => ({ video: join(outDir, REEL, `${preset.name}.mp4`), cover: join(outDir, REEL, `${preset.name}.jpg`) }),
      }, (fraction, stage) => events.onJobProgress?.(REEL, fraction, stage));
      if (options.dryRun) {
        summary('planned', { presets: allowed.map((p) => p.name), duration: result.duration });
        return;
      }
      const renderedAt = new Date().toISOString();
      if (refused) failedPresets.set(REEL, new Set(todo.filter((p) => !allowed.includes(p)).map((p) => p.name)));
      summary(refused ? 'partial' : 'rendered', {
        error: refused,
        presets: allowed.map((p) => p.name),
        seconds: (Date.now() - started) / 1000,
        duration: result.duration,
        artifacts: result.artifacts.map((a) => ({
          sku: null, preset: a.preset, kind: a.kind === 'cover' ? 'cover' as const : 'reel' as const, path: relative(outDir, a.path), duration: a.duration,
          width: a.width, height: a.height, sha256: a.sha256, bytes: a.bytes,
          key: planOutputKey(key, presets.find((p) => p.name === a.preset)!), renderedAt,
          ...(result.warning && a.kind !== 'cover' ? { warning: result.warning } : {}),
        })),
      });
    } catch (error) {
      if (!signal.aborted) failedPresets.set(REEL, new Set(todo.map((p) => p.name)));
      summary(signal.aborted ? 'interrupted' : 'failed', { error: error instanceof PromoError ? error : wrapUnknown(error) });
    }
  }

  await rm(workDir, { recursive: true, force: true });
  if (options.dryRun) {
    const manifest = buildManifest(spec, outDir, previous, jobs, failedPresets);
    return { jobs, manifest, manifestPath: '', interrupted: signal.aborted };
  }
  // Other promo processes (a watcher, workers) may have written since this run started: merge
  // with what is there now, under the output folder's lock.
  const { manifest, manifestPath } = await withFileLock(join(outDir, '.promo', 'lock'), async () => {
    const merged = buildManifest(spec, outDir, await readManifest(outDir), jobs, failedPresets);
    // A video's own warning (loudness) stays while the video is current, cached runs included.
    merged.warnings.push(...warnings, ...new Set(merged.artifacts.flatMap((a) => (a.warning ? [a.warning] : []))));
    const path = await writeManifest(outDir, merged);
    // Kept segments live while their output is listed (render-incrementally.ts).
    await new SegmentStore(outDir).pruneOwners(new Set(merged.artifacts.filter((a) => a.kind !== 'cover').map((a) => SegmentStore.ownerOf(a.sku ?? REEL, a.preset))));
    const latest = await readRenderCache(outDir);
    await writeRenderCache(outDir, {
      version: 1,
      // Only files that still exist: a watcher's work copies move on and would pile up here.
      files: Object.fromEntries(Object.entries({ ...latest.files, ...hasher.toJSON() }).filter(([file]) => existsSync(file))),
      probes: { ...latest.probes, ...cache.probes },
      engines: { ...latest.engines, ...cache.engines },
    });
    return { manifest: merged, manifestPath: path };
  });
  return { jobs, manifest, manifestPath, interrupted: signal.aborted };
}
