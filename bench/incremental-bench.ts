// Benchmark 13: re-rendering a product of four clips after one caption edit (incremental: only
// that clip's segment is encoded, the rest joined by stream copy) against a whole render of the
// same spec (--force). Each incremental run edits the caption the other way (restores it, edits
// it again), so every run really has one changed clip. Also prints the PSNR of the incremental
// output against a whole render of the same spec. 13b: the same with a crossfade, the third
// clip's caption edited (its middle and the two overlaps beside it are encoded), on Debian's
// ffmpeg (the bundled one has no xfade).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { existsSync, readFileSync } from 'node:fs';
import { alternate, FFMPEG, makeSource, median, report, timeCommand, type Timed } from './bench-tools.ts';

export interface IncrementalBench {
  /** `node bin/promo.js …` timed in `work`. */
  promo: (...args: string[]) => () => Promise<Timed>;
  work: string;
  logo: string;
  runs: number;
}

const CAPTIONS = ['明前龙井 鲜爽回甘', '一芽一叶 手工炒制', '手工青瓷 一杯一世界', '今晚直播价只要¥99'];
const EDITS = ['今晚直播价只要¥99', '直播间下单 再减十元'];
const SYSTEM_FFMPEG = { ffmpeg: '/usr/bin/ffmpeg', ffprobe: '/usr/bin/ffprobe' };

/** Runs benchmark 13 (on a 16 s 1080p source of its own): cuts, then 13b with a crossfade. */
export async function benchIncremental(bench: IncrementalBench): Promise<string> {
  const source = await makeSource(bench.work, 'source-16s.mp4', 16, 60);
  const cut = await benchEdit(bench, source, { name: 'b13', edit: 3, title: '13. re-render of a product of four 4 s clips (1080p → douyin) after one caption edit' });
  if (!existsSync(SYSTEM_FFMPEG.ffmpeg)) return `${cut}
13b. skipped: a crossfade needs xfade (Debian's ffmpeg at ${SYSTEM_FFMPEG.ffmpeg})`;
  const crossfade = await benchEdit(bench, source, {
    name: 'b13x', edit: 2, transition: { type: 'crossfade', duration: 0.5 }, config: SYSTEM_FFMPEG,
    title: '13b. the same with crossfade (0.5 s), the third clip\'s caption edited (Debian ffmpeg)',
  });
  return `${cut}
${crossfade}`;
}

interface EditCase {
  name: string;
  title: string;
  /** The clip whose caption each run edits. */
  edit: number;
  transition?: { type: string; duration: number };
  /** promo's config (the engine), when not the default one. */
  config?: object;
}

async function benchEdit(bench: IncrementalBench, source: string, c: EditCase): Promise<string> {
  const dir = join(bench.work, c.name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const spec = join(dir, 'spec.yaml');
  const config = c.config && join(dir, 'config.yaml');
  if (config) await writeFile(config, stringify(c.config));
  const configArgs = config ? ['--config', config] : [];
  const writeSpec = (edited: string) => writeFile(spec, stringify({
    stream: { title: '增量渲染' },
    brand: { logo: '../logo.png', color: '#E60012' },
    products: [{
      sku: 'TEA-001', price: 99, footage: `../${source.split('/').pop()}`,
      // 4 s clips, as in benchmark 1.
      clips: [0, 1, 2, 3].map((k) => ({ in: 4 * k, out: 4 * k + 4, caption: k === c.edit ? edited : CAPTIONS[k] })),
    }],
    outputs: ['douyin'],
    intro: false,
    outro: false,
    reel: false,
    quality: 'standard',
    ...(c.transition ? { transition: c.transition } : {}),
  }));
  const out = join(dir, 'out');
  const whole = join(dir, 'whole');
  await writeSpec(EDITS[0]!);
  const first = await bench.promo('render', spec, '--out', out, ...configArgs)();
  if (first.code !== 0) throw new Error(first.stderr);
  let edits = 0;
  const cpu = { incremental: [] as number[], whole: [] as number[] };
  const t = await alternate(bench.runs,
    async () => {
      await writeSpec(EDITS[++edits % 2]!);
      return withCpu(cpu.incremental, bench.promo('render', spec, '--out', out, ...configArgs));
    },
    // The whole render of the same (edited) spec: the baseline, and the reference for the PSNR.
    () => withCpu(cpu.whole, bench.promo('render', spec, '--force', '--out', whole, ...configArgs)));
  const psnr = await measurePsnr(join(out, 'TEA-001', 'douyin.mp4'), join(whole, 'TEA-001', 'douyin.mp4'));
  return [
    report(c.title,
      t.a.map((x) => x.seconds), t.b.map((x) => x.seconds), '≤ 0.3', ['incremental re-render', 'whole render (--force)']),
    // CPU time is steadier than wall time on a shared machine (but x264 uses both cores, so the
    // wall-clock ratio on a quiet machine is a little higher than this one).
    `  CPU seconds (promo and its ffmpeg): incremental median ${median(cpu.incremental).toFixed(2)}, whole ${median(cpu.whole).toFixed(2)}, ratio ${(median(cpu.incremental) / median(cpu.whole)).toFixed(3)}`,
    `  PSNR of the incremental output against a whole render of the same spec: ${psnr.toFixed(1)} dB   target ≥ 40`,
  ].join('\n');
}

/** Runs `command`, adding the CPU seconds it and its children used to `into`. */
async function withCpu(into: number[], command: () => Promise<Timed>): Promise<Timed> {
  const before = childCpuSeconds();
  const timed = await command();
  into.push(childCpuSeconds() - before);
  return timed;
}

/** User + system CPU of this process's waited-for children and theirs (/proc/self/stat cutime + cstime). */
function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which is in parentheses and may hold spaces).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime are fields 16 and 17 of the whole line; clock ticks of 1/100 s on Linux.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Average luma+chroma PSNR of `file` against `reference` (ffmpeg's psnr filter). */
async function measurePsnr(file: string, reference: string): Promise<number> {
  const run = await timeCommand(FFMPEG, ['-hide_banner', '-i', file, '-i', reference, '-lavfi', '[0:v][1:v]psnr', '-f', 'null', '-']);
  const average = /average:(\S+)/.exec(run.stderr)?.[1];
  if (run.code !== 0 || average === undefined) throw new Error(`psnr failed: ${run.stderr.slice(-500)}`);
  return average === 'inf' ? Infinity : Number(average);
}
