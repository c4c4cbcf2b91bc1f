// The exact ffmpeg commands promo runs for a representative spec (two products, one of them a
// still, two presets, captions, intro/outro, logo, price badges, the reel), as `promo render
// --dry-run` prints them, compared whole against test/render/golden/dry-run.txt. Any change to
// a filter, a flag or their order shows up here as a diff to review. After an intended change,
// regenerate it with `UPDATE_GOLDEN=1 npx vitest run test/render/dry-run-golden.test.ts` and
// commit the new file with the change.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeStill, makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';
import { twoProductSpec } from '../helpers/two-product-spec.ts';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden', 'dry-run.txt');
const bundledFfmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;


/** The dry run's output with what differs between machines and runs replaced by placeholders. */
function machineIndependent(stdout: string, dir: string): string {
  const hashes = new Map<string, string>();
  return stdout
    .replaceAll(bundledFfmpeg, '<ffmpeg>')
    // The run's scratch folder is named for its process (util/temp-path.ts).
    .replace(/\/out\/\.promo\/\.promo-tmp-[^/\s']+-work\//g, '/out/<work>/')
    .replaceAll(dir, '<dir>')
    // Image names carry a hash of their inputs, some of which are absolute paths: numbered in
    // order of appearance, so the same image used twice still shows as the same name.
    .replace(/\b[0-9a-f]{16}\b(?=\.png)/g, (hash) => {
      if (!hashes.has(hash)) hashes.set(hash, `<hash${hashes.size + 1}>`);
      return hashes.get(hash)!;
    });
}

describe('promo render --dry-run', () => {
  it('prints exactly the golden ffmpeg commands for a representative spec', async () => {
    const [video, still, logo] = await Promise.all([
      makeVideo({ width: 640, height: 360, duration: 4, audio: 'stereo', loud: -26 }),
      makeStill({ width: 800, height: 600, format: 'jpg' }),
      makeStill({ width: 256, height: 256, format: 'png' }),
    ]);
    const dir = await makeSpecDir(twoProductSpec(), { files: { 'footage/tea.mp4': video, 'footage/cup.jpg': still, 'brand/logo.png': logo } });
    // The config names no ffmpeg: the bundled one runs, the same on every machine (its version
    // decides option spellings such as -vsync / -fps_mode and whether xfade exists).
    const result = await runCli(['render', dir.spec, '--config', dir.config, '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    const actual = machineIndependent(result.stdout, dir.dir);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) {
      if (process.env.CI && !existsSync(GOLDEN)) throw new Error(`${GOLDEN} is missing: run with UPDATE_GOLDEN=1 and commit it`);
      await writeFile(GOLDEN, actual);
    }
    expect(actual).toBe(await readFile(GOLDEN, 'utf8'));
    expect(actual).not.toContain('drawtext');
  });
});
