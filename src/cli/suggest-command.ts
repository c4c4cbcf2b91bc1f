// `promo suggest <footage>…`: proposes clips for each take with the reasons (text or --json),
// draws a contact sheet (--sheet), and writes the clips into a spec (--write).
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ClipSuggestion, SuggestOptions } from '../analysis/analysis-types.ts';
import { analyseFootage } from '../analysis/analyse-footage.ts';
import { extractThumbnails } from '../analysis/extract-thumbnails.ts';
import { renderContactSheet, type SheetTake } from '../analysis/render-contact-sheet.ts';
import { suggestFromAnalysis } from '../analysis/suggest-from-analysis.ts';
import { FileHasher } from '../cache/file-hasher.ts';
import { resolveEngine } from '../engine/resolve-engine.ts';
import { AUTO_CLIPS_DEFAULTS } from '../promo-spec/auto-clips-schema.ts';
import { writeSuggestedClips } from '../promo-spec/write-suggested-clips.ts';
import { isStillFootage } from '../render/resolve-product-media.ts';
import { PromoError } from '../util/promo-error.ts';
import { interruptSignal, type CliIo } from './cli-io.ts';
import { loadCliConfig, loadCliSpec } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';

export interface SuggestCommandOptions {
  config?: string;
  out?: string;
  count?: number;
  length?: number;
  json?: boolean;
  sheet?: string;
  write?: string;
}

interface Take {
  shown: string;
  file: string;
  /** Where --write puts the clips. */
  product?: number;
  suggestion?: ClipSuggestion;
  error?: PromoError;
  sheet?: SheetTake;
}

/** Runs `promo suggest`; returns the exit code. */
export async function suggestCommand(io: CliIo, files: string[], options: SuggestCommandOptions): Promise<number> {
  const config = await loadCliConfig(options.config);
  if (options.length !== undefined && !(options.length >= 0.5 && options.length <= 60)) {
    throw new PromoError('USAGE', `--length ${options.length} is out of range`, { hint: 'give seconds between 0.5 and 60, e.g. --length 4' });
  }
  const spec = options.write ? await loadCliSpec(io, resolve(options.write), config) : undefined;
  const takes: Take[] = [];
  if (spec) {
    const wanted = new Set(files.map((f) => resolve(f)));
    for (const product of spec.products) {
      if (!product.footage || (wanted.size > 0 && !wanted.has(product.footage))) continue;
      takes.push({ shown: relative(process.cwd(), product.footage) || product.footage, file: product.footage, product: product.index });
    }
    if (takes.length === 0) {
      throw new PromoError('USAGE', wanted.size ? `no product of ${options.write} uses ${files.join(', ')} as footage` : `no product of ${options.write} has footage`, {
        hint: 'name footage files the spec\'s products use, or none to suggest for every product',
      });
    }
  } else {
    if (files.length === 0) throw new PromoError('USAGE', 'name at least one footage file', { hint: 'promo suggest take.mp4 [more.mp4…]' });
    for (const file of files) takes.push({ shown: file, file: resolve(file) });
  }

  const engine = await resolveEngine(config.engine);
  const outDir = options.out ? resolve(options.out) : config.out;
  const hasher = new FileHasher();
  const interrupt = interruptSignal(io);
  try {
    for (const take of takes) {
      if (interrupt.signal.aborted) break;
      const product = take.product === undefined ? undefined : spec!.products[take.product];
      const asked: SuggestOptions = {
        count: options.count ?? product?.autoClips?.count ?? AUTO_CLIPS_DEFAULTS.count,
        length: options.length ?? product?.autoClips?.length ?? AUTO_CLIPS_DEFAULTS.length,
      };
      try {
        if (!existsSync(take.file)) throw new PromoError('FOOTAGE_MISSING', `${take.shown} does not exist`, { hint: 'check the path' });
        if (isStillFootage(take.file)) {
          take.suggestion = {
            file: take.shown, duration: asked.length, scenes: [{ start: 0, end: asked.length }], defects: [],
            clips: [{ in: 0, out: asked.length, score: 1, reasons: ['a still image: shown once for the asked length'] }],
            notes: ['a still image has nothing to analyse'],
          };
          continue;
        }
        const analysis = await analyseFootage({
          ffmpeg: engine.ffmpeg, ffprobe: engine.ffprobe, file: take.file, hasher, signal: interrupt.signal, cacheDir: join(outDir, '.promo', 'analysis'),
        });
        take.suggestion = { ...suggestFromAnalysis(take.file, analysis, asked), file: take.shown };
        if (options.sheet) {
          const landscape = analysis.width >= analysis.height;
          const thumbWidth = landscape ? 200 : 2 * Math.round((200 * analysis.width) / analysis.height / 2);
          const thumbHeight = landscape ? 2 * Math.round((200 * analysis.height) / analysis.width / 2) : 200;
          const count = Math.max(6, Math.min(36, Math.round(analysis.duration)));
          const thumbnails = await extractThumbnails({
            ffmpeg: engine.ffmpeg, file: take.file, duration: analysis.duration, count, width: thumbWidth, height: thumbHeight, signal: interrupt.signal,
          });
          take.sheet = { suggestion: take.suggestion, label: take.shown, thumbnails, thumbWidth, thumbHeight };
        }
      } catch (error) {
        take.error = error instanceof PromoError ? error : new PromoError('FOOTAGE_UNREADABLE', `${take.shown}: ${(error as Error).message}`, { cause: error });
      }
    }
    if (interrupt.signal.aborted) return EXIT.interrupted;

    if (options.json) {
      // Exactly the documented shape on stdout; the notes (why fewer clips) go to stderr.
      for (const t of takes) for (const note of t.suggestion?.notes ?? []) io.stderr.write(`note: ${t.shown}: ${note}\n`);
      io.stdout.write(`${JSON.stringify(takes.map((t) => t.suggestion
        ? { file: t.suggestion.file, duration: t.suggestion.duration, scenes: t.suggestion.scenes, defects: t.suggestion.defects, clips: t.suggestion.clips }
        : { file: t.shown, error: { code: t.error!.code, message: t.error!.describe(process.cwd()) } }), null, 2)}\n`);
    } else {
      for (const take of takes) io.stdout.write(take.suggestion ? formatSuggestion(take.suggestion) : '');
    }
    for (const take of takes) if (take.error) io.stderr.write(`✘ ${take.shown}: ${take.error.describe(process.cwd())}\n`);

    const sheets = takes.flatMap((t) => (t.sheet ? [t.sheet] : []));
    if (options.sheet && sheets.length > 0) {
      await renderContactSheet(sheets, resolve(options.sheet));
      if (!options.json) io.stdout.write(`contact sheet: ${options.sheet}\n`);
    }
    if (spec && options.write) {
      const updates = takes.filter((t) => t.suggestion && t.suggestion.clips.length > 0).map((t) => ({
        product: t.product!,
        clips: t.suggestion!.clips.map((c) => ({ in: c.in, out: c.out, note: `promo suggest: score ${c.score}` })),
      }));
      if (updates.length > 0) {
        await writeSuggestedClips(resolve(options.write), updates, config.timezone);
        if (!options.json) io.stdout.write(`wrote the clips of ${updates.length} product(s) into ${options.write}\n`);
      }
    }
    return takes.some((t) => t.error) ? EXIT.someFailed : EXIT.ok;
  } finally {
    interrupt.dispose();
  }
}

function formatSuggestion(s: ClipSuggestion): string {
  const time = (t: number) => `${String(Math.floor(t / 60)).padStart(2, '0')}:${(t % 60).toFixed(1).padStart(4, '0')}`;
  const lines = [`${s.file}: ${s.duration.toFixed(1)} s, ${s.scenes.length} scene(s)`];
  if (s.defects.length > 0) lines.push(`  rejected: ${s.defects.map((d) => `${d.kind} ${time(d.start)}–${time(d.end)}`).join(', ')}`);
  s.clips.forEach((clip, i) => {
    lines.push(`  clip ${i + 1}: ${time(clip.in)} – ${time(clip.out)} (${(clip.out - clip.in).toFixed(1)} s), score ${clip.score.toFixed(2)}`);
    for (const reason of clip.reasons) lines.push(`    · ${reason}`);
  });
  for (const note of s.notes) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}
