// `promo preview <spec>`: layout check images, one per product and preset.
import { relative, resolve } from 'node:path';
import { renderPreviews } from '../render/render-previews.ts';
import { PromoError } from '../util/promo-error.ts';
import { interruptSignal, type CliIo } from './cli-io.ts';
import { loadCliConfig, loadCliSpec } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';

/** Runs `promo preview`; returns the exit code. */
export async function previewCommand(
  io: CliIo,
  specFile: string,
  options: { config?: string; out?: string; only?: string[]; preset?: string[]; json?: boolean },
): Promise<number> {
  const config = await loadCliConfig(options.config);
  const spec = await loadCliSpec(io, specFile, config);
  const lower = (list?: string[]) => list?.map((s) => s.toLowerCase());
  const only = lower(options.only);
  const wanted = lower(options.preset);
  const products = only ? spec.products.filter((p) => only.includes(p.sku.toLowerCase())) : spec.products;
  const presets = wanted ? spec.outputs.filter((p) => wanted.includes(p.name)) : spec.outputs;
  if (only && products.length !== only.length) {
    throw new PromoError('USAGE', `--only: unknown SKU among ${options.only!.join(', ')}`, { hint: `use SKUs from the spec (${spec.products.map((p) => p.sku).join(', ')})` });
  }
  if (wanted && presets.length !== wanted.length) {
    throw new PromoError('USAGE', `--preset: not all of ${options.preset!.join(', ')} are in the spec's outputs`, { hint: `pick from ${spec.outputs.map((p) => p.name).join(', ')}` });
  }
  const outDir = options.out ? resolve(options.out) : config.out;
  const interrupt = interruptSignal(io);
  try {
    const results = await renderPreviews({
      spec, config, outDir, products, presets, signal: interrupt.signal,
      onProduct: (r) => {
        if (options.json) return;
        if (r.error) io.stderr.write(`✘ ${r.sku}: ${r.error.describe(process.cwd())}\n`);
        else io.stdout.write(`✔ ${r.sku}: ${r.files.map(showPath).join(', ')}\n`);
      },
    });
    if (options.json) {
      io.stdout.write(`${JSON.stringify(results.map((r) => ({ sku: r.sku, files: r.files, error: r.error && { code: r.error.code, message: r.error.describe(process.cwd()) } })), null, 2)}\n`);
    }
    if (interrupt.signal.aborted) return EXIT.interrupted;
    return results.some((r) => r.error) ? EXIT.someFailed : EXIT.ok;
  } finally {
    interrupt.dispose();
  }
}

/** A path relative to the working folder when it is inside it, else absolute. */
function showPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
