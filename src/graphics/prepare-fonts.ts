// Makes the npm-shipped Noto Sans SC fonts usable by sharp/Pango and by child ffmpeg processes:
// the machine has no CJK fonts, so a private fonts.conf lists only ours (see shared/FACTS.md, Fonts).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readlink, symlink, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FontSet } from './graphics-types.ts';
import { PromoError } from '../util/promo-error.ts';
import { removeDeadTemps } from '../util/remove-dead-temps.ts';
import { writeAtomic } from '../util/write-atomic.ts';

const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
/** The family name the shipped Noto Sans SC files are known by (the dashboard's CSS uses it too). */
export const FONT_FAMILY = 'Noto Sans SC';
const FAMILY = FONT_FAMILY;
const WEIGHTS = { regular: '400Regular', bold: '700Bold' } as const;

// One preparation per cache folder and process; concurrent callers share it.
const pending = new Map<string, { job: Promise<FontSet>; done: boolean }>();

/** Finds the Noto Sans SC TTFs, writes a fonts.conf for them and exports it as FONTCONFIG_FILE. */
export async function prepareFonts(options: { cacheDir?: string } = {}): Promise<FontSet> {
  const { packageDir, version } = locateFontPackage();
  const cacheDir = options.cacheDir ?? join(tmpdir(), `promo-fonts-${shortHash(`${FONT_PACKAGE}@${version}`)}`);
  let entry = pending.get(cacheDir);
  // A cache folder removed since (tmp cleaners, tests) is made again.
  if (entry?.done && !existsSync(join(cacheDir, 'fonts.conf'))) entry = undefined;
  if (!entry) {
    const created = { job: writeFontCache(packageDir, cacheDir), done: false };
    created.job.then(() => { created.done = true; }, () => pending.delete(cacheDir));
    pending.set(cacheDir, created);
    entry = created;
  }
  const fonts = await entry.job;
  process.env.FONTCONFIG_FILE = fonts.fontconfigFile;
  return fonts;
}

function locateFontPackage(): { packageDir: string; version: string } {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve(`${FONT_PACKAGE}/package.json`);
  } catch (cause) {
    throw new PromoError('ENGINE_MISSING', `the font package ${FONT_PACKAGE} is not installed`, {
      hint: 'run `npm install` in the promo folder; Chinese text needs its Noto Sans SC fonts',
      cause,
    });
  }
  const { version } = require(manifest) as { version?: string };
  return { packageDir: dirname(manifest), version: version ?? 'unknown' };
}

async function writeFontCache(packageDir: string, cacheDir: string): Promise<FontSet> {
  const regular = fontFile(packageDir, WEIGHTS.regular);
  const bold = fontFile(packageDir, WEIGHTS.bold);
  const dir = join(cacheDir, 'fonts');
  const fcCache = join(cacheDir, 'fc-cache');
  await mkdir(dir, { recursive: true });
  await mkdir(fcCache, { recursive: true });
  // A run killed while linking left a temp where fontconfig looks for fonts.
  await Promise.all([removeDeadTemps(dir), removeDeadTemps(cacheDir)]);
  await linkInto(regular, join(dir, `NotoSansSC_${WEIGHTS.regular}.ttf`));
  await linkInto(bold, join(dir, `NotoSansSC_${WEIGHTS.bold}.ttf`));
  const fontconfigFile = join(cacheDir, 'fonts.conf');
  await writeIfChanged(fontconfigFile, fontsConf(dir, fcCache));
  return { family: FAMILY, regular, bold, fontconfigFile, dir };
}

function fontFile(packageDir: string, weight: string): string {
  const file = join(packageDir, weight, `NotoSansSC_${weight}.ttf`);
  if (!existsSync(file)) {
    throw new PromoError('ENGINE_MISSING', `font file missing: ${file}`, {
      hint: `reinstall ${FONT_PACKAGE} (\`npm install\`); Chinese text needs it`,
    });
  }
  return file;
}

// Only the weights promo uses, the cache inside our folder (the system one may be read-only),
// and the generic families mapped to Noto Sans SC so nothing falls back to a font without CJK.
// Kept to elements the static ffmpeg's older fontconfig understands.
function fontsConf(dir: string, fcCache: string): string {
  const alias = (generic: string) =>
    `  <alias><family>${generic}</family><prefer><family>${FAMILY}</family></prefer></alias>\n`;
  return '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
    + `  <dir>${xmlText(dir)}</dir>\n  <cachedir>${xmlText(fcCache)}</cachedir>\n`
    + alias('sans-serif') + alias('serif') + alias('monospace')
    + '</fontconfig>\n';
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// A symlink, not a copy (each TTF is ~10 MB); replaced atomically so concurrent processes never
// see a half-made link, and left alone when already right so fontconfig's cache stays valid.
async function linkInto(target: string, link: string): Promise<void> {
  const current = await readlink(link).catch(() => undefined);
  if (current === target) return;
  await writeAtomic(link, async (temp) => {
    try {
      await symlink(target, temp);
    } catch {
      await copyFile(target, temp); // file systems without symlinks
    }
  });
}

async function writeIfChanged(file: string, content: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === content) return;
  await writeAtomic(file, content);
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
