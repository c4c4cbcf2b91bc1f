// 18. fit: smart on footage whose subject crosses the frame (test/helpers/analysis-footage.ts):
// the share of output frames whose 9:16 window holds the whole subject, and the window's largest
// jump between two frames, beside a centred crop of the same footage.
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { analyseFootage } from '../src/analysis/analyse-footage.ts';
import { planFit } from '../src/plan/plan-fit.ts';
import { planSmartCrop } from '../src/plan/plan-smart-crop.ts';
import { generateMovingSubject } from '../test/helpers/analysis-footage.ts';
import { FFMPEG } from './bench-tools.ts';

const require = createRequire(import.meta.url);
const FFPROBE = (require('@ffprobe-installer/ffprobe') as { path: string }).path;

/** Runs benchmark 18; returns its report. */
export async function benchSmartFit(work: string): Promise<string> {
  const take = await generateMovingSubject(1920, 1080, 8, join(work, 'b18'));
  const analysis = await analyseFootage({ ffmpeg: FFMPEG, ffprobe: FFPROBE, file: take.file });
  const frame = { width: 1080, height: 1920 };
  const cover = planFit(1920, 1080, frame.width, frame.height, 'crop').cover;
  const crop = planSmartCrop({ fps: analysis.fps, columns: analysis.columns }, cover.width, frame.width, take.duration);
  if (!crop) return '18. fit: smart: no window (the blurred fill was chosen): the subject did not stand out';
  const at = (t: number) => {
    const path = crop.path;
    let k = 0;
    while (k + 1 < path.length && path[k + 1]!.t <= t) k++;
    const a = path[k]!;
    const b = path[k + 1];
    return b ? a.x + ((t - a.t) * (b.x - a.x)) / (b.t - a.t) : a.x;
  };
  const share = frame.width / cover.width;
  const frames = Math.round(take.duration * take.fps);
  let inside = 0;
  let centred = 0;
  let jump = 0;
  for (let n = 0; n < frames; n++) {
    const t = n / take.fps;
    const left = at(t) / cover.width;
    const subject = take.subjectLeft(t);
    if (subject >= left - 1e-6 && subject + take.subjectWidth <= left + share + 1e-6) inside++;
    if (subject >= (1 - share) / 2 && subject + take.subjectWidth <= (1 + share) / 2) centred++;
    if (n > 0) jump = Math.max(jump, Math.abs(at(t) - at((n - 1) / take.fps)));
  }
  return [
    `18. fit: smart: a subject crossing a 1920×1080 take in ${take.duration} s, 1080×1920 output (window ${(share * 100).toFixed(0)} % of the width)`,
    `  subject inside the window        ${(inside / frames).toFixed(3)} of frames (${crop.steady ? 'steady' : 'tracking'} window)   target ≥ 0.95`,
    `  a centred crop, for comparison   ${(centred / frames).toFixed(3)} of frames`,
    `  largest jump between frames      ${jump.toFixed(1)} px of the scaled picture (${((jump / cover.width) * 100).toFixed(2)} % of its width)`,
  ].join('\n');
}
