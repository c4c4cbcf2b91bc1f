// A promo stand-in for the sweeper test: starts one write of each kind promo makes, through the
// real writers, and leaves them all unfinished (writes `ready` to stdout once every temp exists),
// waiting to be killed with SIGKILL mid-write.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from '../../src/render/run-ffmpeg.ts';
import { tempPathFor } from '../../src/util/temp-path.ts';
import { writeAtomic } from '../../src/util/write-atomic.ts';

const [outDir] = process.argv.slice(2) as [string];
const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const temps: string[] = [];
const never = new Promise<never>(() => {});
// Half a file, then no more: a writer interrupted in the middle.
const half = (text: string) => async (temp: string) => {
  temps.push(temp);
  await writeFile(temp, text.slice(0, text.length / 2));
  await never;
};

void writeAtomic(join(outDir, 'manifest.json'), half('{"version":1,"artifacts":[]}'));
void writeAtomic(join(outDir, '.promo', 'cache.json'), half('{"version":1,"files":{}}'));
void writeAtomic(join(outDir, 'preview', 'TEA-001', 'douyin.png'), half('\x89PNG\r\n\x1a\n....'));
// An ffmpeg output: ffmpeg itself writes the temp path (its extension picks the muxer).
void writeAtomic(join(outDir, 'TEA-001', 'TEA-001-douyin.mp4'), (temp) => {
  temps.push(temp);
  return runFfmpeg({
    global: ['-hide_banner', '-nostdin', '-loglevel', 'error'],
    inputs: [{ options: ['-re', '-f', 'lavfi'], source: 'testsrc2=size=64x64:rate=10' }],
    outputs: [{ options: ['-c:v', 'mpeg4', '-f', 'mp4'], target: temp }],
  }, { ffmpeg, timeoutMs: 600_000 });
});
// A folder (an outbox post) built under a temp name.
void writeAtomic(join(outDir, 'outbox', 'text_TEA-001'), async (temp) => {
  temps.push(temp);
  await mkdir(temp);
  await writeFile(join(temp, 'post.json'), '{"half":');
  await never;
});
// A render's scratch folder.
const work = tempPathFor(join(outDir, '.promo', 'work'));
await mkdir(work, { recursive: true });
temps.push(work);

const ready = setInterval(() => {
  if (temps.length < 6 || !temps.every((temp) => existsSync(temp))) return;
  clearInterval(ready);
  process.stdout.write(`${JSON.stringify(temps)}\n`);
}, 20);
setInterval(() => {}, 1000);
