// Benchmark 1c: one product's video and cover from footage with one keyframe every 8 s, against a
// hand-written ffmpeg command making the same video and the cover frame in one run. Before promo
// took the cover frame from its render's own decode, a second ffmpeg decoded the footage again
// from its last keyframe for the cover.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadTemplates } from '../src/graphics/load-templates.ts';
import { prepareFonts } from '../src/graphics/prepare-fonts.ts';
import { renderBadgeImage } from '../src/graphics/render-badge-image.ts';
import { renderCaptionImage } from '../src/graphics/render-caption-image.ts';
import { renderLogoImage } from '../src/graphics/render-logo-image.ts';
import { findPreset } from '../src/presets/presets.ts';
import { alternate, cpuLine, FFMPEG, report, timeCommand } from './bench-tools.ts';
import type { HandWrittenBench } from './hand-written-bench.ts';

const CAPTION = '明前龙井 鲜爽回甘';

/** Runs benchmark 1c on `source` (1080p, sparse keyframes): a 4 s clip from 2 s, cover at its middle. */
export async function benchProductCover(bench: HandWrittenBench, source: string): Promise<string> {
  const dir = join(bench.work, 'b1-cover');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'spec.yaml'), stringify({
    stream: { title: '基准测试' },
    brand: { logo: '../logo.png', color: '#E60012' },
    products: [{ sku: 'P1', price: 99, footage: `../${source.split('/').pop()}`, clips: [{ in: 2, out: 6, caption: CAPTION }] }],
    outputs: ['douyin'],
    intro: false,
    outro: false,
    reel: false,
    quality: 'standard',
  }));
  const preset = findPreset('douyin')!;
  const [fonts, templates] = await Promise.all([prepareFonts(), loadTemplates()]);
  const images = join(dir, 'images');
  await mkdir(images, { recursive: true });
  const logo = (await renderLogoImage({ logo: bench.logo, preset, templates, outDir: images }))!;
  const badge = await renderBadgeImage({ price: 99, currency: '¥', color: '#E60012', preset, templates, fonts, outDir: images });
  const caption = await renderCaptionImage({ text: CAPTION, preset, templates, fonts, outDir: images });
  const chains = [
    '[0:v]fps=30,split[f][b]',
    '[b]scale=480:270,crop=270:270:105:0,scale=270:480,boxblur=11:2,scale=1080:1920[bg]',
    '[f]scale=1080:608[fg]',
    // The fitted frame 2 s into the clip (the cover time) goes to the PNG, before the overlays.
    '[bg][fg]overlay=0:656,split[p][c]',
    "[c]select='eq(n,60)'[cover]",
    `[p][2:v]overlay=${badge.x}:${badge.y}[q]`,
    `[q][3:v]overlay=${caption.x}:${caption.y}[r]`,
    `[r][1:v]overlay=${logo.x}:${logo.y},format=yuv420p[vout]`,
    '[0:a]loudnorm=I=-14:TP=-1:LRA=11,aresample=48000[aout]',
  ];
  const handWritten = [
    '-hide_banner', '-loglevel', 'error', '-y', '-ss', '2', '-t', '4', '-i', source, '-i', logo.path, '-i', badge.path, '-i', caption.path,
    '-filter_complex', chains.join(';'),
    '-map', '[vout]', '-map', '[aout]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '21', '-maxrate', '12M', '-bufsize', '24M', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-r', '30',
    '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2', '-movflags', '+faststart', join(dir, 'hand-written.mp4'),
    '-map', '[cover]', '-frames:v', '1', '-update', '1', join(dir, 'hand-written-cover.png'),
  ];
  const t = await alternate(bench.runs,
    bench.promo('render', join(dir, 'spec.yaml'), '--force', '--out', join(dir, 'out')),
    () => timeCommand(FFMPEG, handWritten));
  return [
    report('1c. one product (4 s clip, sparse keyframes) → its video and its cover',
      t.a.map((x) => x.seconds), t.b.map((x) => x.seconds), '≤ 1.0', ['promo render (video + cover)', 'hand-written (video + frame)']),
    cpuLine(t.a, t.b),
  ].join('\n');
}
