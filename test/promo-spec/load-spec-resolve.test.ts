// A valid spec comes back fully resolved: absolute paths, seconds, presets, every default.
import { beforeEach, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/promo-spec/load-spec.ts';
import { formatYamlIssue } from '../../src/yaml/yaml-issue.ts';
import type { PromoSpec } from '../../src/promo-spec/spec-types.ts';
import { findPreset } from '../../src/presets/presets.ts';
import { makeTempFolder, yamlLines, type TempFolder } from './temp-folder.ts';

let temp: TempFolder;
beforeEach(async () => {
  temp = await makeTempFolder();
});

async function resolved(text: string, timezone = 'Asia/Shanghai'): Promise<{ spec: PromoSpec; warnings: string[] }> {
  const file = await temp.write('shop/spec.yaml', text);
  const result = await loadSpec(file, { timezone });
  if (!result.ok) throw new Error(result.issues.map((issue) => formatYamlIssue(issue)).join('\n'));
  return { spec: result.spec, warnings: result.warnings.map((issue) => formatYamlIssue(issue, temp.dir)) };
}

const minimal = ['stream:', '  title: Tea night', 'products:', '  - sku: TEA-001', '    footage: footage/tea.mp4', '    clips: [{}]'];

describe('loadSpec resolves', () => {
  it('the example spec from the docs', async () => {
    await temp.write('shop/brand/logo.png', 'png');
    await temp.write('shop/brand/bgm.mp3', 'mp3');
    const text = yamlLines(
      'stream:',
      '  title: 年货节好茶专场',
      '  host: 李博闻',
      '  start: 2026-12-01 20:00          # local time in `timezone`',
      '  timezone: Asia/Shanghai',
      '  url: https://live.example.com/room/8848',
      'brand:',
      '  logo: brand/logo.png',
      '  color: "#E60012"',
      'currency: "¥"',
      'products:',
      '  - sku: TEA-001',
      '    name: 明前龙井',
      '    price: 99',
      '    originalPrice: 199',
      '    footage: footage/TEA-001.mp4',
      '    clips:',
      '      - { in: 3.5, out: 9, caption: 明前龙井，鲜爽回甘 }',
      '      - { in: "00:12", out: "00:18.5", caption: 今晚直播价只要¥99 }',
      '      - { in: 20, out: 26, captions: footage/TEA-001.srt }',
      '  - sku: CUP-002',
      '    name: 手工青瓷茶杯',
      '    price: 39',
      '    footage: footage/CUP-002.jpg',
      '    clips:',
      '      - { duration: 4, caption: 手工青瓷 一杯一世界 }',
      'outputs: [douyin, square]',
      'fit: blur',
      'intro: true',
      'outro: true',
      'music: brand/bgm.mp3',
      'loudness: -14',
      'reel: true',
      'quality: standard',
    );
    const { spec, warnings } = await resolved(text);
    const dir = `${temp.dir}/shop`;
    expect(warnings).toEqual([]);
    expect(spec.file).toBe(`${dir}/spec.yaml`);
    expect(spec.dir).toBe(dir);
    expect(spec.stream).toEqual({
      title: '年货节好茶专场',
      host: '李博闻',
      start: { utc: new Date('2026-12-01T12:00:00Z'), local: '2026-12-01T20:00', zone: 'Asia/Shanghai' },
      timezone: 'Asia/Shanghai',
      url: 'https://live.example.com/room/8848',
      language: 'zh',
    });
    expect(spec.brand).toEqual({ logo: `${dir}/brand/logo.png`, color: '#E60012' });
    expect(spec.products[0]!.footage).toBe(`${dir}/footage/TEA-001.mp4`);
    expect(spec.products[0]!.clips).toEqual([
      { index: 0, in: 3.5, out: 9, duration: undefined, caption: '明前龙井，鲜爽回甘', captions: undefined },
      { index: 1, in: 12, out: 18.5, duration: undefined, caption: '今晚直播价只要¥99', captions: undefined },
      { index: 2, in: 20, out: 26, duration: undefined, caption: undefined, captions: `${dir}/footage/TEA-001.srt` },
    ]);
    expect(spec.products[1]).toMatchObject({ index: 1, sku: 'CUP-002', price: 39, footage: `${dir}/footage/CUP-002.jpg` });
    expect(spec.products[1]!.clips[0]).toMatchObject({ index: 0, duration: 4 });
    expect(spec.outputs.map((output) => output.name)).toEqual(['douyin', 'square']);
    expect(spec.outputs[0]).toEqual({ ...findPreset('douyin'), fit: 'blur' });
    expect(spec.music).toEqual({ file: `${dir}/brand/bgm.mp3`, volume: -12, duck: true });
    expect(spec).toMatchObject({ currency: '¥', fit: 'blur', focus: 0.5, loudness: -14, reel: true, quality: 'standard' });
    expect(spec.intro).toEqual({ duration: 2 });
    expect(spec.outro).toEqual({ duration: 2.5 });
  });

  it('defaults for everything optional', async () => {
    const { spec } = await resolved(yamlLines(...minimal), 'Europe/Berlin');
    expect(spec.stream).toEqual({
      title: 'Tea night', host: undefined, start: undefined, timezone: 'Europe/Berlin', url: undefined, language: 'en',
    });
    expect(spec.brand).toEqual({ logo: undefined, color: '#E60012' });
    expect(spec.outputs.map((output) => [output.name, output.fit])).toEqual([['douyin', 'blur']]);
    expect(spec.fit).toBeUndefined();
    expect(spec).toMatchObject({
      currency: '¥', focus: 0.5, intro: { duration: 2 }, outro: { duration: 2.5 },
      music: undefined, loudness: -14, reel: false, quality: 'standard', templates: undefined, captionStyle: 'default',
    });
    expect(spec.products[0]).toMatchObject({ name: undefined, price: undefined, fit: undefined, focus: undefined, cover: undefined });
    expect(spec.products[0]!.clips[0]).toEqual({ index: 0, in: undefined, out: undefined, duration: undefined, caption: undefined, captions: undefined });
  });

  it('paths relative to the spec folder, absolute paths as they are', async () => {
    await temp.write('shop/tpl/captions/bold.ass', '');
    await temp.write('elsewhere/logo.png', 'png');
    const text = yamlLines(
      ...minimal.slice(0, 5),
      '    clips: [{ captions: ../subs/tea.vtt }, { caption: x }]',
      `brand: { logo: ${JSON.stringify(`${temp.dir}/elsewhere/logo.png`)} }`,
      'templates: ./tpl',
      'captionStyle: bold',
    );
    const { spec } = await resolved(text);
    expect(spec.products[0]!.clips[0]!.captions).toBe(`${temp.dir}/subs/tea.vtt`);
    expect(spec.brand.logo).toBe(`${temp.dir}/elsewhere/logo.png`);
    expect(spec.templates).toBe(`${temp.dir}/shop/tpl`);
    expect(spec.captionStyle).toBe('bold');
  });

  it('a local file whose name contains a colon, written with ./', async () => {
    const { spec } = await resolved(yamlLines(...minimal.slice(0, 4), '    footage: "./ab:c.mp4"', '    clips: [{}]'));
    expect(spec.products[0]!.footage).toBe(`${temp.dir}/shop/ab:c.mp4`);
  });

  it('colours to #RRGGBB upper case', async () => {
    expect((await resolved(yamlLines(...minimal, 'brand: { color: "#e60" }'))).spec.brand.color).toBe('#EE6600');
    expect((await resolved(yamlLines(...minimal, 'brand: { color: "#00ff7f" }'))).spec.brand.color).toBe('#00FF7F');
  });

  it('outputs: preset names case-insensitively, overrides, and custom frames', async () => {
    const text = yamlLines(
      ...minimal,
      'outputs:',
      '  - Douyin',
      '  - { name: kuaishou, width: 720, height: 1280, fps: 60, logo: false, fit: pad, maxDuration: 60 }',
      '  - { name: shop-wall, width: 1280, height: 720 }',
      '  - { name: banner, width: 600, height: 200, fps: 25, safe: { top: 0, bottom: 0, left: 10, right: 10 } }',
    );
    const { spec } = await resolved(text);
    const [douyin, kuaishou, wall, banner] = spec.outputs;
    expect(douyin).toEqual({ ...findPreset('douyin'), fit: 'blur' });
    const base = findPreset('kuaishou')!;
    expect(kuaishou).toMatchObject({ name: 'kuaishou', width: 720, height: 1280, fps: 60, logo: false, fit: 'pad', maxDuration: 60 });
    // The preset's safe zone, scaled from 1080×1920 to 720×1280.
    expect(kuaishou!.safe).toEqual({
      top: Math.round((base.safe.top * 2) / 3), bottom: Math.round((base.safe.bottom * 2) / 3),
      left: Math.round((base.safe.left * 2) / 3), right: Math.round((base.safe.right * 2) / 3),
    });
    expect(wall).toMatchObject({ name: 'shop-wall', label: 'shop-wall', width: 1280, height: 720, fps: 30, logo: true, safe: { top: 36, bottom: 36, left: 64, right: 64 } });
    expect(banner).toMatchObject({ fps: 25, safe: { top: 0, bottom: 0, left: 10, right: 10 } });
    // The shared preset table is not modified by an override.
    expect(findPreset('kuaishou')!.width).toBe(1080);
  });

  it("each output's fit: its own, else the spec's, else blur", async () => {
    const outputs = ['outputs:', '  - douyin', '  - { name: square, fit: pad }', '  - { name: wall, width: 1280, height: 720 }'];
    const fits = async (...extra: string[]) => (await resolved(yamlLines(...minimal, ...outputs, ...extra))).spec.outputs.map((o) => o.fit);
    expect(await fits('fit: crop')).toEqual(['crop', 'pad', 'crop']);
    expect(await fits()).toEqual(['blur', 'pad', 'blur']);
  });

  it('output errors: duplicates, odd sizes, frame rates, safe zones', async () => {
    const file = await temp.write('shop/spec.yaml', yamlLines(
      ...minimal,
      'outputs:', //                                                                         7
      '  - douyin', //                                                                       8
      '  - { name: DOUYIN, fps: 24 }', //                                                    9 duplicate
      '  - { name: wide, width: 1921, height: 1080, fps: 24.5 }', //                        10 odd, fractional fps
      '  - { name: tiny, width: 100, height: 100, safe: { top: 60, bottom: 60, left: 0, right: 0 } }', // 11
      '  - { name: x, width: 8, height: 5000 }', //                                          12
    ));
    const result = await loadSpec(file, { timezone: 'UTC' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => `${issue.line} ${issue.path}: ${issue.message}`)).toEqual([
      '9 outputs[1].name: output `DOUYIN` is listed twice (also outputs[0]); remove one, or give a custom output another name',
      '10 outputs[2].width: 1921 is odd; video encoders need even sizes — use an even whole number from 16 to 4096 px',
      '10 outputs[2].fps: 24.5 is not a whole number; use a whole number from 10 to 60',
      '11 outputs[3].safe: leaves no picture inside a 100×100 frame; make the margins smaller',
      '12 outputs[4].width: 8 is out of range; use an even whole number from 16 to 4096 px',
      '12 outputs[4].height: 5000 is out of range; use an even whole number from 16 to 4096 px',
    ]);
  });

  it('language: zh for a CJK title, en otherwise, or as given', async () => {
    expect((await resolved(yamlLines('stream: { title: 好茶 }', ...minimal.slice(2)))).spec.stream.language).toBe('zh');
    expect((await resolved(yamlLines('stream: { title: Tea, language: zh }', ...minimal.slice(2)))).spec.stream.language).toBe('zh');
    expect((await resolved(yamlLines('stream: { title: 好茶, language: en }', ...minimal.slice(2)))).spec.stream.language).toBe('en');
  });

  it('cards: false, true, or a duration', async () => {
    const { spec } = await resolved(yamlLines(...minimal, 'intro: false', 'outro: { duration: 4 }'));
    expect(spec.intro).toBe(false);
    expect(spec.outro).toEqual({ duration: 4 });
  });

  it('music as an object with volume and duck', async () => {
    await temp.write('shop/bgm.mp3', 'mp3');
    const { spec } = await resolved(yamlLines(...minimal, 'music: { file: bgm.mp3, volume: -20, duck: false }'));
    expect(spec.music).toEqual({ file: `${temp.dir}/shop/bgm.mp3`, volume: -20, duck: false });
  });

  it('product fit, focus and cover', async () => {
    const { spec } = await resolved(yamlLines(...minimal, '    fit: crop', '    focus: 0.2', '    cover: "00:01.5"'));
    expect(spec.products[0]).toMatchObject({ fit: 'crop', focus: 0.2, cover: 1.5 });
  });

  it('a warning, not an error, for an original price that is not above the price', async () => {
    const { warnings } = await resolved(yamlLines(...minimal.slice(0, 4), '    price: 99', '    originalPrice: 99', ...minimal.slice(4)));
    expect(warnings).toEqual([
      'shop/spec.yaml:6:20 products[0].originalPrice: originalPrice (99) is not above price (99), so it will not be shown as a discount; raise it or remove it',
    ]);
  });

  it('locate() finds any node of the spec, and the nearest existing one for a missing path', async () => {
    const text = yamlLines(...minimal.slice(0, 5), '    clips:', '      - { in: 1, out: 3 }', '      - in: 4', '        out: "00:09"');
    const { spec } = await resolved(text);
    expect(spec.locate(['products', 0, 'clips', 1, 'out'])).toEqual({ file: spec.file, line: 9, col: 14 });
    expect(spec.locate(['products', 0, 'clips', 0, 'out'])).toEqual({ file: spec.file, line: 7, col: 23 });
    expect(spec.locate(['products', 0, 'footage'])).toEqual({ file: spec.file, line: 5, col: 14 });
    // No `duration` in clips[1]: the clip itself.
    expect(spec.locate(['products', 0, 'clips', 1, 'duration'])).toEqual({ file: spec.file, line: 8, col: 9 });
  });
});

describe('loadSpec start times', () => {
  const withStart = (start: string, timezone?: string) =>
    yamlLines('stream:', '  title: Tea night', `  start: ${start}`, ...(timezone ? [`  timezone: ${timezone}`] : []), ...minimal.slice(2));

  // Explicit UTC instants: the answers cannot depend on the machine's TZ.
  it.each([
    ['2026-12-01 20:00', 'Asia/Shanghai', '2026-12-01T12:00:00.000Z', '2026-12-01T20:00'],
    ['2026-12-01T20:00:30', 'Asia/Shanghai', '2026-12-01T12:00:30.000Z', '2026-12-01T20:00:30'],
    ['2026-07-01 20:00', 'America/New_York', '2026-07-02T00:00:00.000Z', '2026-07-01T20:00'],
    ['2026-01-15 20:00', 'America/New_York', '2026-01-16T01:00:00.000Z', '2026-01-15T20:00'],
    ['2026-03-08 03:30', 'America/New_York', '2026-03-08T07:30:00.000Z', '2026-03-08T03:30'],
    ['2026-11-01 02:30', 'America/New_York', '2026-11-01T07:30:00.000Z', '2026-11-01T02:30'],
    ['2026-12-01T20:00+08:00', 'America/New_York', '2026-12-01T12:00:00.000Z', '2026-12-01T07:00'],
    ['2026-12-01T12:00:00Z', 'Asia/Shanghai', '2026-12-01T12:00:00.000Z', '2026-12-01T20:00:00'],
    ['2026-11-01T01:30-05:00', 'America/New_York', '2026-11-01T06:30:00.000Z', '2026-11-01T01:30'],
  ])('%s in %s is %s', async (start, zone, utc, local) => {
    const { spec, warnings } = await resolved(withStart(start, zone));
    expect(spec.stream.start).toEqual({ utc: new Date(utc), local, zone });
    expect(warnings).toEqual([]);
  });

  it('uses the default zone from the options when the spec names none', async () => {
    const { spec } = await resolved(withStart('2026-12-01 20:00'), 'America/New_York');
    expect(spec.stream.start?.utc.toISOString()).toBe('2026-12-02T01:00:00.000Z');
    expect(spec.stream.timezone).toBe('America/New_York');
  });

  it('spells a zone the canonical way', async () => {
    const { spec } = await resolved(withStart('2026-12-01 20:00', 'asia/shanghai'));
    expect(spec.stream.timezone).toBe('Asia/Shanghai');
  });

  it.each([
    ['2026-02-30 20:00', 'Asia/Shanghai', '"2026-02-30 20:00" is not a real date and time; check the month, day, hour and minute'],
    ['2026-12-01 24:30', 'Asia/Shanghai', '"2026-12-01 24:30" is not a real date and time; check the month, day, hour and minute'],
    ['tomorrow 8pm', 'Asia/Shanghai', '"tomorrow 8pm" is not a start time; write "YYYY-MM-DD HH:mm" in the stream\'s time zone, or ISO 8601 with an offset ("2026-12-01T20:00+08:00")'],
  ])('refuses %s', async (start, zone, message) => {
    const file = await temp.write('shop/spec.yaml', withStart(start, zone));
    const result = await loadSpec(file, { timezone: 'UTC' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => `${issue.line}:${issue.col} ${issue.path}: ${issue.message}`)).toEqual([`3:10 stream.start: ${message}`]);
  });

  it('refuses an unknown zone, a non-http url and an invalid default zone', async () => {
    const file = await temp.write('shop/spec.yaml', yamlLines('stream:', '  title: x', '  timezone: Mars/Olympus', '  url: javascript:alert(1)', ...minimal.slice(2)));
    const result = await loadSpec(file, { timezone: 'UTC' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((issue) => `${issue.line}:${issue.col} ${issue.path}: ${issue.message}`)).toEqual([
        '3:13 stream.timezone: "Mars/Olympus" is not an IANA time zone; use a name like Asia/Shanghai, America/New_York or UTC',
        '4:8 stream.url: "javascript:alert(1)" is not an http(s) URL; write the full address, e.g. https://live.example.com/room/8848',
      ]);
    }
    const noZone = await temp.write('shop/b.yaml', yamlLines(...minimal));
    const bad = await loadSpec(noZone, { timezone: 'Nowhere/Land' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.message).toMatch(/^the default time zone "Nowhere\/Land" \(from the config\) is not an IANA zone/);
  });
});
