// `promo validate <spec>`: checks the spec, then every product's media (probe, clip ranges,
// caption files, and a decode of each clip), without rendering anything.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { detectCapabilities } from '../engine/detect-capabilities.ts';
import { resolveEngine } from '../engine/resolve-engine.ts';
import { loadTemplates } from '../graphics/load-templates.ts';
import { normalizeStill } from '../graphics/normalize-still.ts';
import { renderLogoImage } from '../graphics/render-logo-image.ts';
import { checkDecode } from '../render/check-decode.ts';
import { probeMedia } from '../media/probe-media.ts';
import { suggestFootage } from '../analysis/suggest-footage.ts';
import { resolveProductMedia } from '../render/resolve-product-media.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import { PromoError } from '../util/promo-error.ts';
import { interruptSignal, type CliIo } from './cli-io.ts';
import { loadCliConfig, loadCliSpec } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';

/** Runs `promo validate`; returns the exit code. */
export async function validateCommand(io: CliIo, specFile: string, options: { config?: string; json?: boolean }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const spec = await loadCliSpec(io, specFile, config);
  const engine = await resolveEngine(config.engine);
  await detectCapabilities(engine.ffmpeg);
  const interrupt = interruptSignal(io);
  const scratch = await mkdtemp(join(tmpdir(), 'promo-validate-'));
  const problems: { what: string; error: PromoError }[] = [];
  const report: { what: string; ok: boolean; detail: string }[] = [];
  const fail = (what: string, error: unknown) => {
    const promoError = error instanceof PromoError ? error : new PromoError('FOOTAGE_UNREADABLE', String((error as Error)?.message ?? error));
    problems.push({ what, error: promoError });
    report.push({ what, ok: false, detail: promoError.describe(process.cwd()) });
  };
  try {
    const templates = await loadTemplates({ overrideDir: spec.templates });
    if (spec.brand.logo) {
      await renderLogoImage({ logo: spec.brand.logo, preset: spec.outputs[0]!, templates, outDir: scratch })
        .then(() => report.push({ what: 'brand.logo', ok: true, detail: relative(spec.dir, spec.brand.logo!) }))
        .catch((error: unknown) => fail('brand.logo', withLocation(error, spec.locate(['brand', 'logo']))));
    }
    if (spec.music) {
      await probeMedia(spec.music.file, { ffprobe: engine.ffprobe, kind: 'audio' })
        .then((m) => report.push({ what: 'music', ok: true, detail: `${relative(spec.dir, spec.music!.file)} (${m.duration.toFixed(1)} s)` }))
        .catch((error: unknown) => fail('music', withLocation(error, spec.locate(['music']))));
    }
    for (const product of spec.products) {
      if (interrupt.signal.aborted) break;
      try {
        const resolved = await resolveProductMedia(spec, product, {
          probeVideo: (file) => probeMedia(file, { ffprobe: engine.ffprobe, kind: 'video', signal: interrupt.signal }),
          // No analysis cache: validate writes nothing.
          suggestClips: (file, media, auto) => suggestFootage({ ffmpeg: engine.ffmpeg, ffprobe: engine.ffprobe, file, media, signal: interrupt.signal, ...auto }),
          normaliseStill: async (file) => {
            const outFile = join(scratch, `${product.index}.png`);
            return { path: outFile, ...(await normalizeStill({ input: file, outFile })) };
          },
        });
        if (!resolved.still) {
          for (const clip of resolved.clips) {
            await checkDecode(resolved.media.path, { ffmpeg: engine.ffmpeg, media: resolved.media, start: clip.start, duration: clip.duration, signal: interrupt.signal })
              .catch((error: unknown) => {
                throw withLocation(error, spec.locate(['products', product.index, 'clips', clip.clip.index]), spec);
              });
          }
        }
        const v = resolved.media.video!;
        const kind = resolved.still ? 'still' : `${v.displayWidth}×${v.displayHeight} ${Math.round(v.fps * 100) / 100} fps, ${resolved.media.duration.toFixed(1)} s${resolved.media.audio ? '' : ', no sound'}`;
        report.push({ what: product.sku, ok: true, detail: `${relative(spec.dir, product.footage!)} (${kind}); ${resolved.clips.length} clip(s), ${resolved.duration.toFixed(1)} s` });
      } catch (error) {
        fail(product.sku, error);
      }
    }
  } finally {
    interrupt.dispose();
    await rm(scratch, { recursive: true, force: true });
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ ok: problems.length === 0, checks: report }, null, 2)}\n`);
  } else {
    for (const line of report) (line.ok ? io.stdout : io.stderr).write(`${line.ok ? '✔' : '✘'} ${line.what}: ${line.detail}\n`);
    io.stdout.write(problems.length === 0
      ? `${relative(process.cwd(), spec.file)}: spec and media are valid (${spec.products.length} products, ${spec.outputs.map((p) => p.name).join(', ')})\n`
      : `${problems.length} problem${problems.length === 1 ? '' : 's'} with the media\n`);
  }
  if (interrupt.signal.aborted) return EXIT.interrupted;
  return problems.length === 0 ? EXIT.ok : EXIT.someFailed;
}

function withLocation(error: unknown, location: ReturnType<PromoSpec['locate']>, spec?: PromoSpec): unknown {
  if (!(error instanceof PromoError) || error.location || !location) return error;
  // Name files as the spec does, not by their absolute paths.
  const message = spec ? error.message.split(`${spec.dir}/`).join('') : error.message;
  return new PromoError(error.code, message, { location, hint: error.hint, detail: error.detail, cause: error });
}
