// Parsed templates kept between runs (parsed-template-cache.ts): a later run that finds the same
// bytes parsed by the same code uses the kept values, the same as parsing them; any change to a
// file or to the code parses again, and a broken file is still reported with line and column.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoadTemplatesOptions } from '../../src/graphics/load-templates.ts';
import type { TemplateSet } from '../../src/graphics/graphics-types.ts';
import { freshDir } from './graphics-test-helpers.ts';

const READER = '../../src/graphics/read-template-file.ts';

/** loadTemplates as a new process has it (no parsed templates in memory); counts the files it parses. */
async function freshLoad(options: LoadTemplatesOptions): Promise<{ set: TemplateSet; parsed: string[] }> {
  vi.resetModules();
  const parsed: string[] = [];
  vi.doMock(READER, async () => {
    const real = await vi.importActual<typeof import('../../src/graphics/read-template-file.ts')>(READER);
    return {
      ...real,
      readTemplateFile: (file: string, ...rest: unknown[]) => {
        parsed.push(file);
        return (real.readTemplateFile as (...args: unknown[]) => unknown)(file, ...rest);
      },
    };
  });
  const { loadTemplates } = await import('../../src/graphics/load-templates.ts');
  return { set: await loadTemplates(options), parsed };
}

afterEach(() => {
  vi.doUnmock(READER);
});

describe('parsed templates kept between runs', () => {
  it('a later run parses nothing and gets the same templates, hashes included', async () => {
    const cacheFile = join(await freshDir(), '.promo', 'templates.json');
    const first = await freshLoad({ cacheFile, cacheCode: 'code-1' });
    expect(first.parsed).toHaveLength(8);
    const second = await freshLoad({ cacheFile, cacheCode: 'code-1' });
    expect(second.parsed).toEqual([]);
    expect(second.set).toStrictEqual(first.set);
    // Without a cache file, every run parses every template (as before).
    expect((await freshLoad({})).parsed).toHaveLength(8);
  });

  it('other code parses again', async () => {
    const cacheFile = join(await freshDir(), 'templates.json');
    await freshLoad({ cacheFile, cacheCode: 'code-1' });
    const other = await freshLoad({ cacheFile, cacheCode: 'code-2' });
    expect(other.parsed).toHaveLength(8);
    // And the file now holds code-2's: code-1 parses again too.
    expect((await freshLoad({ cacheFile, cacheCode: 'code-1' })).parsed).toHaveLength(8);
  });

  it('a changed file is parsed again, a broken one reported with its line and column', async () => {
    const dir = await freshDir();
    const cacheFile = join(dir, 'templates.json');
    const overrideDir = join(dir, 'templates');
    await mkdir(join(overrideDir, 'captions'), { recursive: true });
    const builtin = (await freshLoad({})).set;
    const style = join(overrideDir, 'captions', 'default.yaml');
    const original = await readFile(builtin.captions.default!.file, 'utf8');
    await writeFile(style, original.replace("color: '#FFFFFF'", "color: '#FF0000'"));
    await freshLoad({ overrideDir, cacheFile, cacheCode: 'code-1' });

    await writeFile(style, original.replace("color: '#FFFFFF'", "color: '#00FF00'"));
    const changed = await freshLoad({ overrideDir, cacheFile, cacheCode: 'code-1' });
    expect(changed.parsed).toEqual([style]);
    expect(changed.set.captions.default!.value.color).toBe('#00FF00');

    await writeFile(style, original.replace("color: '#FFFFFF'", 'color: 12'));
    await expect(freshLoad({ overrideDir, cacheFile, cacheCode: 'code-1' })).rejects.toThrow(/captions\/default\.yaml:\d+:\d+ /);
  });

  it("a kept template's images are checked again", async () => {
    const dir = await freshDir();
    const cacheFile = join(dir, 'templates.json');
    const overrideDir = join(dir, 'templates');
    await mkdir(overrideDir, { recursive: true });
    const png = join(overrideDir, 'mark.png');
    // Only its existence is checked when loading (and its bytes hashed), not its pixels.
    await writeFile(png, 'not drawn here');
    await writeFile(join(overrideDir, 'intro.yaml'), 'layers:\n  - type: image\n    src: mark.png\n    box: { x: 0, y: 0, w: 0.5, h: 0.5 }\n');
    expect((await freshLoad({ overrideDir, cacheFile, cacheCode: 'code-1' })).parsed).toHaveLength(8);
    await rm(png);
    await expect(freshLoad({ overrideDir, cacheFile, cacheCode: 'code-1' })).rejects.toThrow(/intro\.yaml:\d+:\d+ .*image not found/);
  });

  it('a damaged cache file is ignored and replaced', async () => {
    const cacheFile = join(await freshDir(), 'templates.json');
    await writeFile(cacheFile, '{"version":1,"code":"code-1","entries":');
    expect((await freshLoad({ cacheFile, cacheCode: 'code-1' })).parsed).toHaveLength(8);
    expect((await freshLoad({ cacheFile, cacheCode: 'code-1' })).parsed).toEqual([]);
  });
});
