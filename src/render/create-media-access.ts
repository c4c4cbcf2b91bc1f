// How a batch reaches its footage: ffprobe results kept in the render cache by content hash (an
// unchanged file is probed once, ever), the analysis cache of automatic clips and smart fit, and
// stills turned into PNGs in the run's work folder.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hashValue, type FileHasher } from '../cache/file-hasher.ts';
import { analyseFootage } from '../analysis/analyse-footage.ts';
import { suggestFootage } from '../analysis/suggest-footage.ts';
import type { Engine } from '../engine/resolve-engine.ts';
import { normalizeStill } from '../graphics/normalize-still.ts';
import { PROBE_VERSION, probeMedia } from '../media/probe-media.ts';
import type { RenderCacheFile } from './render-cache-file.ts';
import type { MediaAccess } from './resolve-product-media.ts';

export interface MediaAccessOptions {
  engine: Engine;
  hasher: FileHasher;
  /** The render cache of the output folder: new probe results are added to its `probes`. */
  cache: RenderCacheFile;
  outDir: string;
  /** The run's scratch folder, where normalised stills go. */
  workDir: string;
  signal: AbortSignal;
}

/** The MediaAccess of one batch, with its probes cached by content. */
export function createMediaAccess(options: MediaAccessOptions): MediaAccess {
  const { engine, hasher, cache, outDir, workDir, signal } = options;
  return {
    probeVideo: async (file) => {
      const sha = await hasher.hash(file).catch(() => undefined);
      const key = sha ? `${PROBE_VERSION}:${sha}` : undefined;
      const known = key ? cache.probes[key] : undefined;
      if (known) return { ...known, path: file };
      const info = await probeMedia(file, { ffprobe: engine.ffprobe, kind: 'video', signal });
      if (key) {
        const { path: _path, ...rest } = info;
        cache.probes[key] = rest;
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
}
