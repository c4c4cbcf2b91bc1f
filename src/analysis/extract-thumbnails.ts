// Small colour frames for the contact sheet: one decode of the footage, thinned by select to
// `count` frames evenly spread over the take, written as raw RGB to a temp file and read back.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputWhitelist, VIDEO_FORMATS } from '../media/input-whitelists.ts';
import { detectCapabilities } from '../engine/detect-capabilities.ts';
import { expr, stringifyFiltergraph } from '../plan/filtergraph.ts';
import { PromoError } from '../util/promo-error.ts';
import { runProcess } from '../util/run-process.ts';
import { tempPathFor } from '../util/temp-path.ts';

export interface Thumbnail {
  /** Seconds into the footage. */
  time: number;
  /** RGB bytes, width×height×3. */
  rgb: Buffer;
}

export interface ExtractThumbnailsOptions {
  ffmpeg: string;
  file: string;
  duration: number;
  count: number;
  width: number;
  height: number;
  signal?: AbortSignal;
}

/** Decodes `count` evenly spaced thumbnails of width×height px. */
export async function extractThumbnails(options: ExtractThumbnailsOptions): Promise<Thumbnail[]> {
  const interval = options.duration / options.count;
  const work = tempPathFor(join(tmpdir(), 'thumbnails'));
  await mkdir(work, { recursive: true });
  const out = join(work, 'frames.rgb');
  const { fpsModeOption } = await detectCapabilities(options.ffmpeg);
  try {
    const graph = stringifyFiltergraph([{
      inputs: ['0:v:0'],
      filters: [
        // The first frame at or after each k × interval (fps would take the one nearest to it,
        // up to half an interval late: a thumbnail labelled 8.3 s showing what is at 9 s).
        { name: 'select', args: [expr(`gte(t,selected_n*${interval.toFixed(6)})`)] },
        { name: 'scale', args: { w: options.width, h: options.height, flags: 'area' } },
        { name: 'format', args: ['rgb24'] },
      ],
      outputs: ['v'],
    }]);
    try {
      await runProcess(options.ffmpeg, [
        '-hide_banner', '-nostdin', '-nostats', '-v', 'error', ...inputWhitelist(VIDEO_FORMATS), '-i', options.file,
        // passthrough: only the selected frames, none repeated to fill a constant rate.
        '-filter_complex', graph, '-map', '[v]', fpsModeOption, 'passthrough', '-frames:v', String(options.count), '-f', 'rawvideo', '-y', out,
      ], { signal: options.signal, collectStdout: false, timeoutMs: 30 * 60_000 });
    } catch (error) {
      throw new PromoError('FOOTAGE_UNREADABLE', `${options.file}: thumbnails for the contact sheet could not be decoded`, { cause: error });
    }
    const bytes = await readFile(out);
    const size = options.width * options.height * 3;
    const thumbnails: Thumbnail[] = [];
    for (let i = 0; (i + 1) * size <= bytes.length; i++) thumbnails.push({ time: i * interval, rgb: bytes.subarray(i * size, (i + 1) * size) });
    return thumbnails;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
