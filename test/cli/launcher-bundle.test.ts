// bin/promo.js, the launcher, on a copy of the repository: it builds dist/cli when there is none,
// loads the bundle as it is while no file it was built from is newer, and builds it again when
// one is (an edit, a `git pull`) or when one is gone. Real esbuild, real node; file times set
// explicitly, so nothing depends on the clock.
import { appendFileSync, cpSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { run } from '../helpers/media-assert.ts';
import { REPO } from '../helpers/spec-dir.ts';

/** Sets `file`'s access and modification times to `ms` (epoch milliseconds). */
function setTime(file: string, ms: number): void {
  utimesSync(file, ms / 1000, ms / 1000);
}

/** A copy of what the launcher builds from (node_modules linked, no dist/). */
function copyRepository(): string {
  const dir = makeTempDir('promo-launcher-');
  for (const name of ['bin', 'src', 'templates', 'package.json', 'tsconfig.json']) cpSync(join(REPO, name), join(dir, name), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('the launcher', () => {
  it('builds its bundle once, and again only when a file it was built from is newer or gone', async () => {
    const dir = copyRepository();
    const bundle = join(dir, 'dist', 'cli', 'promo.mjs');
    const inputsFile = join(dir, 'dist', 'cli', 'inputs.json');
    const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version as string;
    const promo = async () => {
      const result = await run(process.execPath, [join(dir, 'bin', 'promo.js'), '--version'], { cwd: dir, timeoutMs: 120_000 });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.toString('utf8').trim()).toBe(version);
      return statSync(bundle).mtimeMs;
    };
    // Every build's files are dated an hour back, so a rebuild's are newer whatever the clock.
    const backdate = () => {
      const hourAgo = statSync(bundle).mtimeMs - 3_600_000;
      for (const file of [bundle, inputsFile]) setTime(file, hourAgo);
      return statSync(bundle).mtimeMs;
    };

    await promo();
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8')) as string[];
    expect(inputs).toContain('src/cli/main.ts');
    expect(inputs).toContain('bin/promo.js');
    let built = backdate();
    // The sources' own times are the copy's (now): set them older than the bundle first.
    for (const file of inputs.filter((f) => !f.startsWith('node_modules/'))) setTime(join(dir, file), built - 60_000);

    // Fresh: loaded as it is.
    expect(await promo()).toBe(built);

    // A source edited after the build: built again, from the edit.
    appendFileSync(join(dir, 'src', 'cli', 'main.ts'), "\nexport const LAUNCHER_TEST_MARK = 'edited-after-the-build';\n");
    setTime(join(dir, 'src', 'cli', 'main.ts'), built + 60_000);
    expect(await promo()).not.toBe(built);
    expect(readFileSync(bundle, 'utf8')).toContain('edited-after-the-build');
    built = backdate();
    setTime(join(dir, 'src', 'cli', 'main.ts'), built - 60_000);
    expect(await promo()).toBe(built);

    // A file it was built from that is gone (renamed away by a pull): built again.
    writeFileSync(inputsFile, `${JSON.stringify([...inputs, 'src/removed-since.ts'], null, 1)}\n`);
    setTime(inputsFile, built);
    expect(await promo()).not.toBe(built);
    expect(JSON.parse(readFileSync(inputsFile, 'utf8'))).not.toContain('src/removed-since.ts');
  }, 240_000);
});
