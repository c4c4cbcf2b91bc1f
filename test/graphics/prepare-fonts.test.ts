import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { escapePangoMarkup } from '../../src/graphics/escape-pango-markup.ts';
import { prepareFonts } from '../../src/graphics/prepare-fonts.ts';
import { freshDir } from './graphics-test-helpers.ts';

describe('prepareFonts', () => {
  it('writes a fonts.conf listing only the regular and bold Noto Sans SC and exports it', async () => {
    const cacheDir = await freshDir();
    const [fonts, again] = await Promise.all([prepareFonts({ cacheDir }), prepareFonts({ cacheDir })]);
    expect(again).toEqual(fonts);
    expect(fonts.family).toBe('Noto Sans SC');
    expect(fonts.fontconfigFile).toBe(join(cacheDir, 'fonts.conf'));
    expect(process.env.FONTCONFIG_FILE).toBe(fonts.fontconfigFile);
    expect(fonts.regular).toMatch(/NotoSansSC_400Regular\.ttf$/);
    expect(fonts.bold).toMatch(/NotoSansSC_700Bold\.ttf$/);
    expect((await readdir(fonts.dir)).sort()).toEqual(['NotoSansSC_400Regular.ttf', 'NotoSansSC_700Bold.ttf']);
    const conf = await readFile(fonts.fontconfigFile, 'utf8');
    expect(conf).toContain(`<dir>${fonts.dir}</dir>`);
    expect(conf).toMatch(/<cachedir>[^<]+<\/cachedir>/);
    for (const generic of ['sans-serif', 'serif', 'monospace']) {
      expect(conf).toContain(`<alias><family>${generic}</family><prefer><family>Noto Sans SC</family></prefer></alias>`);
    }
    // Idempotent: a second preparation leaves the file alone (fontconfig's cache stays valid).
    const before = (await stat(fonts.fontconfigFile)).mtimeMs;
    await prepareFonts({ cacheDir });
    expect((await stat(fonts.fontconfigFile)).mtimeMs).toBe(before);

    // Fontconfig itself resolves sans-serif to the bundled font with this file.
    const { stdout } = await promisify(execFile)('fc-match', ['-f', '%{family}|%{file}', 'sans-serif:lang=zh'], {
      env: { ...process.env, FONTCONFIG_FILE: fonts.fontconfigFile },
    });
    expect(stdout).toContain('Noto Sans SC');
    expect(stdout).toContain(fonts.dir);
  });
});

describe('escapePangoMarkup', () => {
  it('escapes exactly the five markup characters', () => {
    expect(escapePangoMarkup(`<b>"Tom" & 'Jerry'</b>`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;');
    expect(escapePangoMarkup('&amp; {\\fs300} %{pts} 明前龙井')).toBe('&amp;amp; {\\fs300} %{pts} 明前龙井');
  });
});
