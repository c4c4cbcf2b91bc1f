// Decodes a range of a footage file without writing anything, to find damage a probe cannot see
// (a truncated faststart MP4 probes with its full duration: FACTS.md).
import { VIDEO_FORMATS, inputWhitelist } from '../media/input-whitelists.ts';
import type { MediaInfo } from '../media/probe-media.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import { PromoError } from '../util/promo-error.ts';

export interface CheckDecodeOptions {
  ffmpeg: string;
  media: MediaInfo;
  start: number;
  duration: number;
  signal?: AbortSignal;
}

/** Decodes [start, start+duration) of the video (and audio); throws FOOTAGE_UNREADABLE on damage. */
export async function checkDecode(file: string, options: CheckDecodeOptions): Promise<void> {
  const { media } = options;
  let reached = 0;
  const maps = ['-map', `0:v:${media.video!.index}`];
  if (media.audio) maps.push('-map', `0:a:${media.audio.index}`);
  try {
    await runFfmpeg({
      global: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-xerror'],
      inputs: [{ options: ['-ss', options.start.toFixed(3), '-t', options.duration.toFixed(3), ...inputWhitelist(VIDEO_FORMATS)], source: file }],
      outputs: [{ options: [...maps, '-f', 'null'], target: '-' }],
    }, {
      ffmpeg: options.ffmpeg,
      signal: options.signal,
      timeoutMs: 60_000 + options.duration * 5_000,
      stallMs: 60_000,
      onProgress: (seconds) => { reached = seconds; },
    });
  } catch (error) {
    if (error instanceof PromoError && error.code === 'INTERRUPTED') throw error;
    const reason = error instanceof PromoError ? error.message.replace(/^ffmpeg failed: /, '') : String(error);
    throw new PromoError('FOOTAGE_UNREADABLE', `${file} cannot be decoded between ${options.start.toFixed(2)} s and ${(options.start + options.duration).toFixed(2)} s: ${reason}`, {
      hint: 'the file is damaged or was not copied completely; copy or export it again',
      cause: error,
    });
  }
  // A file cut short decodes "successfully" up to where its data ends.
  if (reached < options.duration - 0.5) {
    throw new PromoError('FOOTAGE_UNREADABLE', `${file} ends at about ${(options.start + reached).toFixed(1)} s, before ${(options.start + options.duration).toFixed(1)} s that the clip needs`, {
      hint: 'the file looks truncated (an interrupted copy?); copy it again',
    });
  }
}
