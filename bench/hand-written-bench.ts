// Benchmark 1: a full `promo render` of the reel against one hand-written ffmpeg command doing
// the same job with the same x264 settings, on footage with frequent keyframes and on footage
// with one keyframe every 8 s (much camera output), and x264's own encode time for the output.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { findPreset } from '../src/presets/presets.ts';
import { loadTemplates } from '../src/graphics/load-templates.ts';
import { prepareFonts } from '../src/graphics/prepare-fonts.ts';
import { renderBadgeImage } from '../src/graphics/render-badge-image.ts';
import { renderCaptionImage } from '../src/graphics/render-caption-image.ts';
import { renderLogoImage } from '../src/graphics/render-logo-image.ts';
import { alternate, cpuLine, FFMPEG, median, report, timeCommand, type Timed } from './bench-tools.ts';

export interface HandWrittenBench {
  /** `node bin/promo.js …` timed in `work`. */
  promo: (...args: string[]) => () => Promise<Timed>;
  work: string;
  logo: string;
  runs: number;
}

const CAPTIONS = ['明前龙井 鲜爽回甘', '手工青瓷 一杯一世界', '今晚直播价只要¥39'];
const PRICES = [99, 59, 39];
/** The x264 and AAC settings of `quality: standard`, shared by promo and both baselines. */
const X264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '21', '-maxrate', '12M', '-bufsize', '24M', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-r', '30'];

/** Runs benchmark 1 on `sources` (three 1080p files); `name` keeps each footage kind's files apart. */
export async function benchHandWritten(bench: HandWrittenBench, sources: string[], name: string, title: string): Promise<string> {
  const dir = join(bench.work, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'spec.yaml'), stringify({
    stream: { title: '基准测试' },
    brand: { logo: '../logo.png', color: '#E60012' },
    products: sources.map((source, i) => ({
      sku: `P${i + 1}`, price: PRICES[i], footage: `../${source.split('/').pop()}`, clips: [{ in: 2, out: 6, caption: CAPTIONS[i] }],
    })),
    outputs: ['douyin'],
    intro: false,
    outro: false,
    reel: true,
    quality: 'standard',
  }));
  const handWritten = await handWrittenCommand(sources, bench.logo, dir);
  const out = join(dir, 'out');
  const t = await alternate(bench.runs,
    bench.promo('render', join(dir, 'spec.yaml'), '--only', 'reel', '--force', '--out', out),
    () => timeCommand(FFMPEG, handWritten));
  const floor = await encodeFloor(join(out, 'reel', 'douyin.mp4'), dir, bench.runs);
  const promoSeconds = t.a.map((x) => x.seconds);
  return [
    report(title, promoSeconds, t.b.map((x) => x.seconds), '≤ 1.0', ['promo render (reel)', 'hand-written ffmpeg']),
    cpuLine(t.a, t.b),
    `  x264 encode floor            median ${median(floor).toFixed(2)} s   (runs: ${floor.map((x) => x.toFixed(2)).join(' ')})`,
    `  promo ÷ floor ${(median(promoSeconds) / median(floor)).toFixed(2)}   target ≤ 2 (moonshot)`,
  ].join('\n');
}

/** The hand-written command: it lays the same images promo draws, so both do the same job. */
async function handWrittenCommand(sources: string[], logo: string, dir: string): Promise<string[]> {
  const preset = findPreset('douyin')!;
  const [fonts, templates] = await Promise.all([prepareFonts(), loadTemplates()]);
  const images = join(dir, 'images');
  await mkdir(images, { recursive: true });
  const logoImage = await renderLogoImage({ logo, preset, templates, outDir: images });
  const badges = await Promise.all(PRICES.map((price) => renderBadgeImage({ price, currency: '¥', color: '#E60012', preset, templates, fonts, outDir: images })));
  const caps = await Promise.all(CAPTIONS.map((text) => renderCaptionImage({ text, preset, templates, fonts, outDir: images })));
  const inputs: string[] = [];
  for (const source of sources) inputs.push('-ss', '2', '-t', '4', '-i', source);
  for (const image of [logoImage, ...badges, ...caps]) inputs.push('-i', image!.path);
  const chains: string[] = [];
  sources.forEach((_, i) => {
    const badge = badges[i]!;
    const cap = caps[i]!;
    chains.push(
      `[${i}:v]fps=30,split[f${i}][b${i}]`,
      `[b${i}]scale=480:270,crop=270:270:105:0,scale=270:480,boxblur=11:2,scale=1080:1920[bg${i}]`,
      `[f${i}]scale=1080:608[fg${i}]`,
      `[bg${i}][fg${i}]overlay=0:656[p${i}]`,
      `[p${i}][${4 + i}:v]overlay=${badge.x}:${badge.y}[q${i}]`,
      `[q${i}][${7 + i}:v]overlay=${cap.x}:${cap.y},format=yuv420p[v${i}]`,
    );
  });
  chains.push('[v0][0:a][v1][1:a][v2][2:a]concat=n=3:v=1:a=1[v][a]');
  chains.push(`[v][3:v]overlay=${logoImage!.x}:${logoImage!.y}[vout]`);
  chains.push('[a]loudnorm=I=-14:TP=-1:LRA=11,aresample=48000[aout]');
  return [
    '-hide_banner', '-loglevel', 'error', '-y', ...inputs, '-filter_complex', chains.join(';'),
    '-map', '[vout]', '-map', '[aout]', ...X264,
    '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2', '-movflags', '+faststart', join(dir, 'hand-written.mp4'),
  ];
}

/**
 * x264's own time for the output: promo's video is decoded once, off the clock, into raw
 * frames; then only `ffmpeg -f rawvideo -i raw <same x264 settings>` is timed (reading raw
 * frames costs next to nothing), so nothing but the encode is measured.
 */
async function encodeFloor(video: string, dir: string, runs: number): Promise<number[]> {
  const raw = join(dir, 'floor.yuv');
  const decoded = await timeCommand(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-i', video, '-map', '0:v:0', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', raw]);
  if (decoded.code !== 0) throw new Error(decoded.stderr);
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const encoded = await timeCommand(FFMPEG, [
        '-hide_banner', '-loglevel', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', '1080x1920', '-framerate', '30', '-i', raw,
        ...X264, '-an', '-f', 'mp4', join(dir, 'floor.mp4'),
      ]);
      if (encoded.code !== 0) throw new Error(encoded.stderr);
      times.push(encoded.seconds);
    }
  } finally {
    await rm(raw, { force: true });
  }
  return times;
}
