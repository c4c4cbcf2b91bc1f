#!/usr/bin/env node
// promo's launcher. It runs a bundle of src/ that it (re)builds with esbuild whenever a source
// file is newer than the bundle: one file to load instead of ~150 TypeScript modules through a
// loader, which saves most of a second on every command. Without esbuild it falls back to tsx.
// The bundle sits at dist/cli/ so paths its modules resolve from import.meta.url (../../templates,
// ../../package.json) point where they do from src/cli and src/graphics.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'promo.mjs');

// `promo presets | head` closes the pipe early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Pure-JavaScript packages bundled into dist/cli (no native code, no files read beside them). */
const INLINED = new Set(['commander', 'yaml', 'zod', 'luxon', 'cron-parser', 'cli-progress']);

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
  const stale = !existsSync(bundle)
    // This launcher too: it holds the build options.
    || statSync(bundle).mtimeMs < Math.max(newestSource(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs);
  if (stale) {
    let esbuild;
    try {
      esbuild = await import('esbuild');
    } catch {
      return null;
    }
    const result = await esbuild.build({
      entryPoints: [join(root, 'src', 'cli', 'main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Packages stay external (loaded from node_modules) except the small pure-JavaScript ones
      // every command loads: zod alone is ~230 ES modules for Node to resolve, read and link one
      // by one (its locales included); bundled, they cost `promo render` ~0.1 s less CPU.
      plugins: [inlinePackages(INLINED)],
      // Bundled CommonJS code (commander, cli-progress) calls require() for Node's own modules.
      banner: { js: "import { createRequire as __promoCreateRequire } from 'node:module'; const require = __promoCreateRequire(import.meta.url);" },
      // Commands stay in their own chunks, imported when used (promo --version loads little).
      splitting: true,
      outdir: dirname(bundle),
      entryNames: 'promo',
      chunkNames: 'chunk-[hash]',
      outExtension: { '.js': '.mjs' },
      sourcemap: 'external',
      write: false,
      logLevel: 'silent',
    });
    mkdirSync(dirname(bundle), { recursive: true });
    // Written under temporary names and renamed, the entry last: another promo starting at the
    // same time never loads half a file (chunk names are content hashes, so never replaced by
    // different code).
    const files = [...result.outputFiles].sort((a, b) => Number(a.path === bundle) - Number(b.path === bundle));
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
  }
  process.setSourceMapsEnabled(true);
  return (await import(pathToFileURL(bundle).href)).main;
}

let main = await loadMain().catch(() => null);
if (!main) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
