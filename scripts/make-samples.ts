// Generates the committed sample media in media-samples/ (everything except spec.yaml), using only
// the bundled ffmpeg and sharp. Deterministic: seeded random numbers, fixed encoder settings and
// thread counts, bit-exact muxing; a rerun rewrites identical files (or leaves them untouched).
//
//   node bin/run-ts.js scripts/make-samples.ts            write media-samples/
//   node bin/run-ts.js scripts/make-samples.ts --check    exit 1 if a rerun would change a file
//   node bin/run-ts.js scripts/make-samples.ts --preview  write the still scenes to test/.work/preview/
//
// Pictures are SVG scenes rendered by sharp (librsvg) at a little over output size; the moving
// footage is composited frame by frame in plain JavaScript (sub-pixel pan/zoom by bilinear
// sampling, rising steam and falling leaf sprites, a hand-held wobble) and piped to ffmpeg as raw
// RGB. Sound is synthesised sample by sample (room tone, a voice-like formant babble, a porcelain
// clink, pouring water, and a short pentatonic tune with Karplus-Strong plucks).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { potFootage, teaFootage } from './samples/footage.ts';
import { potAudio, teaAudio } from './samples/footage-sound.ts';
import { music } from './samples/music.ts';
import { SRT } from './samples/pot-captions.ts';
import { ffmpeg, SR } from './samples/sample-kit.ts';
import { wav } from './samples/sound-kit.ts';
import { cupStillSvg, logoSvg, potPortraitSvg } from './samples/still-scenes.ts';
import { leavesCloseSvg, steamSvg, teaWideSvg } from './samples/tea-scenes.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'media-samples');
const PREVIEW = join(ROOT, 'test', '.work', 'preview');

interface Output {
  path: string;
  make(tmp: string): Promise<void>;
}

function outputs(): Output[] {
  return [
    {
      path: 'brand/logo.png',
      make: async (tmp) => {
        await sharp(Buffer.from(logoSvg())).png({ compressionLevel: 9, adaptiveFiltering: true }).toFile(tmp);
      },
    },
    {
      path: 'footage/CUP-002.jpg',
      make: async (tmp) => {
        await sharp(Buffer.from(cupStillSvg()))
          .flatten({ background: '#ffffff' })
          .withMetadata({ orientation: 1 })
          .jpeg({ quality: 86, chromaSubsampling: '4:2:0', mozjpeg: true })
          .toFile(tmp);
      },
    },
    {
      path: 'footage/POT-003.srt',
      make: (tmp) => writeFile(tmp, SRT, 'utf8'),
    },
    {
      path: 'brand/bgm.mp3',
      make: async (tmp) => {
        const w = `${tmp}.wav`;
        await writeFile(w, wav(music()));
        await ffmpeg(['-i', w, '-c:a', 'libmp3lame', '-b:a', '128k', '-ar', String(SR), '-ac', '2',
          '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact', '-id3v2_version', '0', '-write_xing', '1',
          '-f', 'mp3', tmp]);
        await rm(w, { force: true });
      },
    },
    {
      path: 'footage/TEA-001.mp4',
      make: async (tmp) => {
        const w = `${tmp}.wav`;
        await writeFile(w, wav(teaAudio(12)));
        await teaFootage(tmp, w);
        await rm(w, { force: true });
      },
    },
    {
      path: 'footage/POT-003.mp4',
      make: async (tmp) => {
        const w = `${tmp}.wav`;
        await writeFile(w, wav(potAudio(6)));
        await potFootage(tmp, w);
        await rm(w, { force: true });
      },
    },
  ];
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 16);

async function preview(): Promise<void> {
  await mkdir(PREVIEW, { recursive: true });
  const scenes: Array<[string, string]> = [
    ['tea-wide.png', teaWideSvg()],
    ['tea-close.png', leavesCloseSvg()],
    ['pot.png', potPortraitSvg()],
    ['cup.png', cupStillSvg()],
    ['logo.png', logoSvg()],
    ['steam.png', steamSvg(30, 300, 520)],
  ];
  for (const [name, svg] of scenes) {
    await sharp(Buffer.from(svg)).png().toFile(join(PREVIEW, name));
    console.log(join(PREVIEW, name));
  }
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  if (args.has('--preview')) return preview();
  const check = args.has('--check');
  const only = [...args].filter((a) => !a.startsWith('--'));
  let changed = 0;
  for (const o of outputs()) {
    if (only.length && !only.some((x) => o.path.includes(x))) continue;
    const final = join(OUT, o.path);
    await mkdir(dirname(final), { recursive: true });
    const tmp = join(dirname(final), `.tmp-${process.pid}-${o.path.split('/').pop()}`);
    const t0 = Date.now();
    try {
      await o.make(tmp);
      const fresh = await readFile(tmp);
      const old = existsSync(final) ? await readFile(final) : undefined;
      const same = old?.equals(fresh) ?? false;
      if (same || check) await rm(tmp, { force: true });
      else await rename(tmp, final);
      if (!same) changed++;
      console.log(`${same ? 'unchanged' : check ? 'would change' : 'written  '} ${relative(ROOT, final)}  ${fresh.length} bytes  sha256 ${sha(fresh)}  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
  // Stray temp files from an interrupted run.
  for (const dir of ['brand', 'footage']) {
    const d = join(OUT, dir);
    if (!existsSync(d)) continue;
    for (const name of await readdir(d)) if (name.startsWith('.tmp-')) await rm(join(d, name), { force: true });
  }
  let total = 0;
  for (const dir of ['brand', 'footage']) {
    const d = join(OUT, dir);
    if (!existsSync(d)) continue;
    for (const name of await readdir(d)) total += (await stat(join(d, name))).size;
  }
  console.log(`media-samples: ${(total / 1024 / 1024).toFixed(2)} MiB in brand/ and footage/`);
  if (check && changed > 0) process.exit(1);
}

await main();
