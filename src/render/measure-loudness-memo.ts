// The loudness measurement, kept by the content key of what it measures (the analysis command
// with each input's content hash in place of its path, the engine, promo's render version), so
// rendering the same audio again (another preset, a caption edit, --force) skips the audio-only
// ffmpeg pass in front of the encode. The measurement depends on nothing else: a hit is exact.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashStream, hashValue } from '../cache/file-hasher.ts';
import type { FfmpegCommand } from '../plan/ffmpeg-command.ts';
import type { LoudnessMeasurement } from '../plan/plan-loudness-correction.ts';
import { markUsed } from '../util/mark-used.ts';
import { writeAtomic } from '../util/write-atomic.ts';
import { measureLoudness, type MeasureLoudnessOptions } from './measure-loudness.ts';
import type { RenderContext } from './render-context.ts';
import { RENDER_VERSION } from './render-version.ts';

/** measureLoudness, answered from `<out>/.promo/loudness/` when the same audio was measured before. */
export async function measureLoudnessMemo(ctx: RenderContext, command: FfmpegCommand, options: MeasureLoudnessOptions): Promise<LoudnessMeasurement> {
  const hash = (file: string) => (ctx.hashFile ? ctx.hashFile(file) : hashStream(file));
  const key = hashValue({
    renderVersion: RENDER_VERSION,
    engine: ctx.engine.identity,
    global: command.global,
    inputs: await Promise.all(command.inputs.map(async (input) => ({ options: input.options, content: await hash(input.source) }))),
    graph: command.graph,
    outputs: command.outputs.map((output) => output.options),
  });
  const file = join(ctx.outDir, '.promo', 'loudness', `${key}.json`);
  const kept = await readKept(file);
  if (kept) {
    // Reused: the least recently used kept files are the ones pruned first (render/kept-cache/).
    await markUsed(file);
    return kept;
  }
  const measured = await measureLoudness(command, options);
  // Strings, since JSON has no -Infinity (silence); a failed write only costs the next render a pass.
  await writeAtomic(file, JSON.stringify({ integrated: String(measured.integrated), truePeak: String(measured.truePeak) })).catch(() => undefined);
  return measured;
}

async function readKept(file: string): Promise<LoudnessMeasurement | undefined> {
  try {
    const { integrated, truePeak } = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const value = (text: unknown) => (typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN);
    const measured = { integrated: value(integrated), truePeak: value(truePeak) };
    // A damaged file is measured again, not trusted.
    return Number.isNaN(measured.integrated) || Number.isNaN(measured.truePeak) ? undefined : measured;
  } catch {
    return undefined;
  }
}
