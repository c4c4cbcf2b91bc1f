// `npm run bench`: promo's speed and memory against baselines, side by side, in one run.
// Each comparison alternates the two sides and reports medians (3 runs each by default;
// `npm run bench -- --runs 5`; `--only 1,3` runs a subset). Figures, not assertions: the
// machines are shared, so read the ratios, not single times.
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { stringify } from 'yaml';
import { alternate, FFMPEG, makeSource, median, report, timeCommand, type Timed } from './bench-tools.ts';
import { benchHandWritten } from './hand-written-bench.ts';
import { benchProductCover } from './product-cover-bench.ts';
import { benchBurst, benchLatency } from './watch-bench.ts';
import { benchTick } from './daemon-bench.ts';
import { benchUpload } from './upload-bench.ts';
import { benchQueue } from './queue-bench.ts';
import { benchIncremental } from './incremental-bench.ts';
import { benchAnalysis } from './analysis-bench.ts';
import { benchSmartFit } from './smart-fit-bench.ts';
import { benchDashboardClips } from './dashboard-clips-bench.ts';
import { benchBestTimes, benchInsightsImport } from './insights-bench.ts';
import { benchDashboard } from './dashboard-bench.ts';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WORK = join(REPO, 'bench', '.work');
const PROMO = join(REPO, 'bin', 'promo.js');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]!.split(',').map(Number) : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

const promo = (...rest: string[]) => () => timeCommand(process.execPath, [PROMO, ...rest], { cwd: WORK });

async function main(): Promise<void> {
  await mkdir(WORK, { recursive: true });
  console.log(`promo benchmarks — ${runs} alternating runs per side, medians (machine: ${(await import('node:os')).cpus().length} cores)\n`);
  const sources = await Promise.all([0, 120, 240].map((hue, i) => makeSource(WORK, `source-${i + 1}.mp4`, 12, hue)));
  const logo = join(WORK, 'logo.png');
  if (!existsSync(logo)) {
    await sharp(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><circle cx="128" cy="128" r="120" fill="#E60012"/><rect x="78" y="70" width="100" height="116" rx="18" fill="#fff"/></svg>')).png().toFile(logo);
  }
  // Each comparison prints as soon as it is done.
  if (only.includes(1)) {
    const bench = { promo, work: WORK, logo, runs };
    console.log(`${await benchHandWritten(bench, sources, 'b1', '1a. 3 clips × 4 s from three 1080p sources (keyframe every 2 s) → 1080×1920 (blur fill, logo, badge, captions, loudness)')}\n`);
    // Much camera output has one keyframe every 8 s: seeking to a clip decodes from there.
    const sparse = await Promise.all([0, 120, 240].map((hue, i) => makeSource(WORK, `sparse-${i + 1}.mp4`, 12, hue, 240)));
    console.log(`${await benchHandWritten(bench, sparse, 'b1-sparse', '1b. the same from sources with one keyframe every 8 s')}\n`);
    console.log(`${await benchProductCover(bench, sparse[0]!)}\n`);
  }
  if (only.includes(2)) console.log(`${await benchPresets(sources[0]!)}\n`);
  if (only.includes(3)) console.log(`${await benchSeeking()}\n`);
  if (only.includes(4) || only.includes(5)) console.log(`${await benchSample()}\n`);
  if (only.includes(6)) console.log(`${await benchLatency(PROMO, WORK, Math.max(runs, 5))}\n`);
  if (only.includes(7)) console.log(`${await benchBurst(PROMO, WORK, Math.min(runs, 3))}\n`);
  if (only.includes(8)) console.log(`${await benchTick()}\n`);
  if (only.includes(9) || only.includes(10)) console.log(`${await benchUpload(REPO, WORK, runs)}\n`);
  if (only.includes(11) || only.includes(12)) console.log(`${await benchQueue(REPO, WORK, runs)}\n`);
  if (only.includes(13)) console.log(`${await benchIncremental({ promo, work: WORK, logo, runs })}\n`);
  if (only.includes(14) || only.includes(16)) console.log(`${await benchDashboard(runs)}\n`);
  if (only.includes(15)) console.log(`${await benchDashboardClips()}\n`);
  if (only.includes(17)) console.log(`${await benchAnalysis(WORK, runs)}\n`);
  if (only.includes(18)) console.log(`${await benchSmartFit(WORK)}\n`);
  if (only.includes(19)) console.log(`${await benchInsightsImport(WORK, runs)}\n`);
  if (only.includes(20)) console.log(`${await benchBestTimes(WORK, runs)}\n`);
}

/** 2. Three presets in one run (decode once) vs three single-preset runs. */
async function benchPresets(source: string): Promise<string> {
  const dir = join(WORK, 'b2');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'spec.yaml'), stringify({
    stream: { title: '三个平台' },
    brand: { logo: '../logo.png' },
    products: [{ sku: 'TEA-001', price: 99, footage: `../${source.split('/').pop()}`, clips: [
      { in: 0, out: 4, caption: '明前龙井' }, { in: 4, out: 8, caption: '鲜爽回甘' }, { in: 8, out: 12, caption: '今晚直播' },
    ] }],
    outputs: ['douyin', 'square', 'landscape'],
    intro: false,
    outro: false,
    reel: false,
    quality: 'standard',
  }));
  const spec = join(dir, 'spec.yaml');
  const separate = async (): Promise<Timed> => {
    let seconds = 0;
    let peakMiB = 0;
    for (const preset of ['douyin', 'square', 'landscape']) {
      const one = await promo('render', spec, '--preset', preset, '--force', '--out', join(dir, 'separate'))();
      if (one.code !== 0) return one;
      seconds += one.seconds;
      peakMiB = Math.max(peakMiB, one.peakMiB);
    }
    return { seconds, peakMiB, code: 0, stderr: '' };
  };
  const t = await alternate(runs, promo('render', spec, '--force', '--out', join(dir, 'together')), separate);
  return report('2. one product (3 × 4 s clips) into douyin + square + landscape',
    t.a.map((x) => x.seconds), t.b.map((x) => x.seconds), '≤ 0.85', ['one run, three presets', 'three single-preset runs']);
}

/** 3. A 5 s clip from minute 9 of a 10-minute source vs from second 5. */
async function benchSeeking(): Promise<string> {
  const dir = join(WORK, 'b3');
  await mkdir(dir, { recursive: true });
  const long = join(WORK, 'ten-minutes.mp4');
  if (!existsSync(long)) {
    // 60 copies of a 10 s clip joined without re-encoding: a real 10-minute file in seconds.
    const piece = await makeSource(WORK, 'piece-10s.mp4', 10, 60);
    await writeFile(join(WORK, 'ten-minutes.txt'), Array.from({ length: 60 }, () => `file '${piece}'`).join('\n'));
    const made = await timeCommand(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', join(WORK, 'ten-minutes.txt'), '-c', 'copy', '-movflags', '+faststart', long]);
    if (made.code !== 0) throw new Error(made.stderr);
  }
  const specFor = async (name: string, start: number) => {
    const file = join(dir, `${name}.yaml`);
    await writeFile(file, stringify({
      stream: { title: 'seek' },
      products: [{ sku: 'LONG-1', footage: '../ten-minutes.mp4', clips: [{ in: start, out: start + 5 }] }],
      outputs: ['douyin'], intro: false, outro: false, quality: 'standard',
    }));
    return file;
  };
  const late = await specFor('minute-9', 540);
  const early = await specFor('second-5', 5);
  const t = await alternate(runs,
    promo('render', late, '--force', '--out', join(dir, 'late')),
    promo('render', early, '--force', '--out', join(dir, 'early')));
  return report('3. 5 s clip from a 10-minute 1080p source',
    t.a.map((x) => x.seconds), t.b.map((x) => x.seconds), '≤ 1.2', ['from minute 9', 'from second 5']);
}

/** 4 and 5. The sample batch: peak memory of a full render, then re-renders of the unchanged spec. */
async function benchSample(): Promise<string> {
  const dir = join(WORK, 'sample');
  await rm(dir, { recursive: true, force: true });
  await cp(join(REPO, 'media-samples'), dir, { recursive: true });
  const full = await promo('render', join(dir, 'spec.yaml'), '--out', join(dir, 'out'))();
  if (full.code !== 0) throw new Error(full.stderr);
  const again: Timed[] = [];
  for (let i = 0; i < runs; i++) again.push(await promo('render', join(dir, 'spec.yaml'), '--out', join(dir, 'out'))());
  const lines = [
    '4. re-render of the unchanged sample spec (no ffmpeg runs)',
    `  promo render (unchanged)     median ${median(again.map((x) => x.seconds)).toFixed(2)} s   (runs: ${again.map((x) => x.seconds.toFixed(2)).join(' ')})`,
    `  first render of the sample   ${full.seconds.toFixed(2)} s`,
    '  target < 2 s',
    '',
    '5. promo\'s own peak memory (the Node process, not ffmpeg) rendering the sample batch',
    `  peak RSS ${full.peakMiB.toFixed(0)} MiB   target < 300 MiB`,
  ];
  return lines.join('\n');
}

await main();
