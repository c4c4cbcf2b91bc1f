// The RenderContext each job of a batch gets: the engine's capabilities asked once (and kept in the
// render cache by engine identity), the transition this engine can do, the batch's shared images,
// and `--dry-run`'s commands handed on under the job's name.
import type { PromoConfig } from '../config/config-types.ts';
import { detectCapabilities, type EngineCapabilities } from '../engine/detect-capabilities.ts';
import type { Engine } from '../engine/resolve-engine.ts';
import type { FontSet, TemplateSet } from '../graphics/graphics-types.ts';
import { planEncoding } from '../plan/plan-encoding.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import { shellCommand } from '../util/shell-command.ts';
import { ffmpegRunArgs } from './ffmpeg-run-args.ts';
import type { RenderCacheFile } from './render-cache-file.ts';
import type { RenderContext } from './render-context.ts';
import type { RenderEvents } from './render-batch-types.ts';

export interface RenderContextsOptions {
  spec: PromoSpec;
  config: PromoConfig;
  engine: Engine;
  fonts: FontSet;
  templates: TemplateSet;
  /** The render cache of the output folder: the capabilities are stored in its `engines`. */
  cache: RenderCacheFile;
  outDir: string;
  workDir: string;
  signal: AbortSignal;
  force?: boolean;
  dryRun?: boolean;
  hashFile(file: string): Promise<string>;
  events: RenderEvents;
}

/** Returns the function that makes a job's context; the first call detects the engine's capabilities. */
export function createRenderContexts(options: RenderContextsOptions): (job: string) => Promise<RenderContext> {
  const { spec, config, engine, cache, events } = options;
  let capabilities: EngineCapabilities | undefined;
  const shared: RenderContext['shared'] = new Map();
  return async (job) => {
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
      spec, engine, capabilities, fonts: options.fonts, templates: options.templates, outDir: options.outDir, workDir: options.workDir, transition,
      encode: planEncoding(spec.quality),
      timeoutScale: config.render.timeoutScale,
      signal: options.signal,
      shared,
      force: options.force,
      hashFile: options.hashFile,
      onNotice: events.onNotice,
      dryRun: options.dryRun ? (label, command) => events.onDryRun?.(job, label, shellCommand(engine.ffmpeg, ffmpegRunArgs(command))) : undefined,
    };
  };
}
