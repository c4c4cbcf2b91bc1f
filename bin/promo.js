#!/usr/bin/env node
// promo's launcher. It runs a bundle of src/ that it (re)builds with esbuild whenever a file the
// bundle was built from is newer than the bundle: one file to load instead of ~150 TypeScript
// modules through a loader, which saves most of a second on every command. Without esbuild it
// falls back to tsx.
// The bundle sits at dist/cli/ so paths its modules resolve from import.meta.url (../../templates,
// ../../package.json) point where they do from src/cli and src/graphics.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'promo.mjs');
// What the bundle was built from (esbuild's metafile inputs), written beside it by each build.
const inputsFile = join(dirname(bundle), 'inputs.json');

// `promo presets | head` closes the pipe early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/**
 * Whether the bundle is older than a file it was built from (a removed one counts as newer).
 * Only the build's own inputs are looked at, not every file under src/, by synchronous stats
 * while the bundle file is read: ~570 of them cost the main thread ~8 ms, where as many promised
 * stats cost it ~24 ms of callbacks (`promo --version` 141 → 126 ms).
 */
function isStale() {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return true;
  }
  const built = statSync(bundle).mtimeMs;
  for (const file of inputs) {
    const stats = statSync(join(root, file), { throwIfNoEntry: false });
    if (!stats || stats.mtimeMs > built) return true;
  }
  return false;
}

/**
 * The files whose change calls for a new bundle: the build's inputs, with the bundled packages'
 * package.json for their files, package.json and this launcher (it holds the build options).
 */
function bundleInputs(metafile) {
  const files = new Set(['package.json', 'bin/promo.js']);
  for (const input of Object.keys(metafile.inputs)) {
    if (/^[a-z-]+:/.test(input)) continue; // made by a plugin (zod's locales), not a file
    const inPackage = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    files.add(inPackage ? `${inPackage[1]}/package.json` : input);
  }
  return [...files].sort();
}

/** Pure-JavaScript packages bundled into dist/cli (no native code, no files read beside them). */
const INLINED = new Set(['commander', 'yaml', 'zod', 'luxon', 'cron-parser', 'cli-progress']);

/**
 * An esbuild plugin that keeps two needless copies out of the bundle: luxon's CommonJS build
 * (cron-parser require()s it) beside its ES build (promo's own imports), ~250 KB, resolved to the
 * CommonJS one for both; and zod's messages in 40-odd languages (~370 KB, every command parsed
 * them) reduced to English, the only locale zod sets up and promo uses (zod's `locales` export
 * then holds `en` alone).
 */
function dedupePackages() {
  return {
    name: 'dedupe-packages',
    setup(build) {
      build.onResolve({ filter: /^luxon$/ }, async (args) => {
        if (args.pluginData === 'luxon') return undefined;
        const resolved = await build.resolve('luxon', { kind: 'require-call', resolveDir: args.resolveDir, pluginData: 'luxon' });
        return resolved.errors.length > 0 ? undefined : { path: resolved.path };
      });
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (
        /[\\/]zod[\\/]v4[\\/](?:classic|core|mini)[\\/]/.test(args.importer) ? { path: join(args.resolveDir, '..', 'locales', 'index.js'), namespace: 'zod-locales' } : undefined
      ));
      build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
        contents: "export { default as en } from './en.js';",
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/** An esbuild plugin: every bare import is external except those of the packages in `names`. */
function inlinePackages(names) {
  const packageOf = (path) => path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/');
  return {
    name: 'inline-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => (
        args.path.startsWith('node:') || names.has(packageOf(args.path)) ? undefined : { path: args.path, external: true }
      ));
    },
  };
}

async function loadMain() {
  if (!existsSync(bundle)) {
    if (!await build()) return null;
    return importBundle('');
  }
  // The bundle is loaded while its freshness is checked; a stale one is built and loaded anew
  // (under another URL: Node keeps modules by URL) before anything of the first has run.
  const loading = importBundle('');
  loading.catch(() => {});
  if (!isStale()) return loading;
  if (!await build()) return null;
  return importBundle(`?${Date.now()}`);
}

async function importBundle(query) {
  process.setSourceMapsEnabled(true);
  return (await import(pathToFileURL(bundle).href + query)).main;
}

/** Builds dist/cli from src/; false when esbuild is not installed. */
async function build() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  const result = await esbuild.build({
    // Paths in the metafile are relative to this: the inputs list does not depend on the cwd.
    absWorkingDir: root,
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages stay external (loaded from node_modules) except the small pure-JavaScript ones
    // every command loads: zod alone is ~230 ES modules for Node to resolve, read and link one
    // by one (its locales included); bundled, they cost `promo render` ~0.1 s less CPU.
    plugins: [dedupePackages(), inlinePackages(INLINED)],
    // Bundled CommonJS code (commander, cli-progress) calls require() for Node's own modules.
    banner: { js: "import { createRequire as __promoCreateRequire } from 'node:module'; const require = __promoCreateRequire(import.meta.url);" },
    // Commands stay in their own chunks, imported when used (promo --version loads little).
    splitting: true,
    outdir: dirname(bundle),
    entryNames: 'promo',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'external',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(dirname(bundle), { recursive: true });
  // Written under temporary names and renamed, the entry last: another promo starting at the
  // same time never loads half a file (chunk names are content hashes, so never replaced by
  // different code).
  const files = [
    ...result.outputFiles,
    { path: inputsFile, contents: `${JSON.stringify(bundleInputs(result.metafile), null, 1)}\n` },
  ].sort((a, b) => Number(a.path === bundle) - Number(b.path === bundle));
  for (const file of files) {
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  // Chunks of older builds: removed once no promo started in the last hour can still need them.
  const current = new Set(files.map((file) => file.path));
  for (const name of readdirSync(dirname(bundle))) {
    const path = join(dirname(bundle), name);
    if (!current.has(path) && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { force: true });
  }
  return true;
}

let main = await loadMain().catch(() => null);
if (!main) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
