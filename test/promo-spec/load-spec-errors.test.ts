// Every kind of spec mistake is reported at its exact file:line:col with a message that says
// what to change, and all of them at once.
import { beforeEach, describe, expect, it } from 'vitest';
import { loadSpec, type LoadSpecResult } from '../../src/promo-spec/load-spec.ts';
import { formatYamlIssue, type YamlIssue } from '../../src/yaml/yaml-issue.ts';
import { makeTempFolder, yamlLines, type TempFolder } from './temp-folder.ts';

let temp: TempFolder;
beforeEach(async () => {
  temp = await makeTempFolder();
});

async function load(text: string): Promise<LoadSpecResult> {
  const file = await temp.write('spec.yaml', text);
  return loadSpec(file, { timezone: 'Asia/Shanghai' });
}

async function issuesOf(text: string): Promise<YamlIssue[]> {
  const result = await load(text);
  if (result.ok) throw new Error('expected the spec to be refused');
  return result.issues;
}

/** The only issue, as "line:col path: message". */
async function onlyIssue(text: string): Promise<string> {
  const issues = await issuesOf(text);
  expect(issues.map((issue) => formatYamlIssue(issue, temp.dir))).toHaveLength(1);
  const [issue] = issues;
  return `${issue!.line}:${issue!.col} ${issue!.path}: ${issue!.message}`;
}

/** Column (1-based) of `needle` in `line`. */
function colOf(line: string, needle: string): number {
  const index = line.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in ${line}`);
  return index + 1;
}

const head = ['stream:', '  title: Tea night', 'products:', '  - sku: TEA-001', '    footage: tea.mp4', '    clips:'];

describe('loadSpec locations', () => {
  it('reports a YAML syntax error at its line and column', async () => {
    const issues = await issuesOf(yamlLines('stream:', '  title: Tea: night', 'products: []'));
    const syntax = issues.find((issue) => issue.message.startsWith('YAML syntax error'));
    expect(syntax).toMatchObject({ line: 2, col: 10, path: '' });
    expect(syntax!.message).toContain('fix the YAML here');
  });

  it('reports a duplicate key at the second occurrence', async () => {
    const issues = await issuesOf(yamlLines('stream:', '  title: Tea night', '  title: Tea day', ...head.slice(2), '      - { in: 1, out: 3 }'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 3, col: 3, path: 'stream.title' });
    expect(issues[0]!.message).toBe('duplicate key `title` (first at line 2): only one value can be kept; remove or rename one of them');
  });

  it('names an unknown field at its key, with the allowed fields and the nearest one', async () => {
    const line = '      - { in: 1, out: 3, captoin: hi }';
    expect(await onlyIssue(yamlLines(...head, line))).toBe(
      `7:${colOf(line, 'captoin')} products[0].clips[0].captoin: unknown field \`captoin\` (did you mean \`caption\`?); rename it — allowed here: in, out, duration, caption, captions`,
    );
  });

  it('names an unknown top-level field without a suggestion when nothing is close', async () => {
    const text = yamlLines(...head, '      - { in: 1, out: 3 }', 'zzzzzz: 1');
    expect(await onlyIssue(text)).toMatch(/^8:1 zzzzzz: unknown field `zzzzzz`; remove it or fix its spelling — allowed here: stream, brand, currency, products, outputs/);
  });

  it('says what type was expected and what was received', async () => {
    const text = yamlLines(...head.slice(0, 4), '    price: "99"', '    footage: tea.mp4', '    clips:', '      - { in: 1, out: 3 }');
    expect(await onlyIssue(text)).toBe('5:12 products[0].price: expected a number from 0 to 1000000000, received "99"');
  });

  it('reports a mapping where a list is expected', async () => {
    const text = yamlLines(...head.slice(0, 5), '    clips: { in: 1 }');
    expect(await onlyIssue(text)).toBe('6:12 products[0].clips: expected a list of clips (`- { in: 0, out: 5 }`), `auto`, or `{ auto: { count: 3, length: 4 } }`, received a mapping');
  });

  it('reports a missing required field at its parent', async () => {
    const text = yamlLines('stream:', '  title: Tea night', 'products:', '  - sku: TEA-001', '    footage: tea.mp4');
    expect(await onlyIssue(text)).toBe('4:5 products[0].clips: is required but missing; add `clips:` here');
  });

  it('names an unknown preset, suggests the nearest and lists the known ones', async () => {
    const line = 'outputs: [square, douyn]';
    const message = await onlyIssue(yamlLines(...head, '      - { in: 1, out: 3 }', line));
    expect(message).toMatch(new RegExp(`^8:${colOf(line, 'douyn')} outputs\\[1\\]: unknown preset \`douyn\` \\(did you mean \`douyin\`\\?\\); known presets: douyin, kuaishou, channels, xiaohongshu, tiktok, reels, shorts, square, landscape`));
  });

  it('refuses footage that is a URL or an ffmpeg protocol', async () => {
    const line = '    footage: https://cdn.example.com/tea.mp4';
    expect(await onlyIssue(yamlLines(...head.slice(0, 4), line, '    clips: [{ in: 1 }]'))).toBe(
      `5:14 products[0].footage: "https://cdn.example.com/tea.mp4" is a URL or ffmpeg protocol; the footage must be a local file — download it and give its path (a local name containing a colon can be written as ./name)`,
    );
  });

  it.each(['http://x/a.mp4', 'file:///etc/passwd', 'concat:a.mp4|b.mp4', 'subfile:,,start,0,end,0,,:/etc/passwd', 'data:video/mp4;base64,AAAA', 'pipe:0', 'rtmp://live/x', 'FILE:/x.mp4'])(
    'refuses footage %s',
    async (footage) => {
      const message = await onlyIssue(yamlLines(...head.slice(0, 4), `    footage: ${JSON.stringify(footage)}`, '    clips: [{ in: 1 }]'));
      expect(message).toContain('products[0].footage: ');
      expect(message).toContain('must be a local file');
    },
  );

  it('refuses a captions file given as a URL', async () => {
    const line = '      - { in: 1, captions: "https://x/a.srt" }';
    expect(await onlyIssue(yamlLines(...head, line))).toMatch(new RegExp(`^7:${colOf(line, '"https')} products\\[0\\]\\.clips\\[0\\]\\.captions: .*captions file must be a local file`));
  });

  it.each([
    ['brand: { logo: "http://cdn/logo.png" }', 'brand.logo', 'the logo must be a local file'],
    ['music: "https://cdn/bgm.mp3"', 'music', 'the music file must be a local file'],
    ['music: { file: "file:///bgm.mp3" }', 'music.file', 'the music file must be a local file'],
    ['templates: "concat:a|b"', 'templates', 'the templates folder must be a local folder'],
  ])('refuses a URL in %s without also checking that it exists', async (line, path, message) => {
    const issues = await issuesOf(yamlLines(...head, '      - { in: 1 }', line));
    expect(issues.map((issue) => `${issue.line} ${issue.path}`)).toEqual([`8 ${path}`]);
    expect(issues[0]!.message).toContain(message);
  });

  it('reports numbers out of their ranges with the range', async () => {
    const issues = await issuesOf(yamlLines(...head, '      - { in: 1 }', 'focus: 1.5', 'music: { file: x.mp3, volume: -50 }', 'currency: "EUR EUR EUR"'));
    expect(issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'focus: 1.5 is out of range; use a number from 0 to 1',
      'music.file: does not exist (' + temp.dir + '/x.mp3); check the music file\'s path — it is relative to the spec\'s folder',
      'music.volume: -50 is out of range; use a number from -40 to 6 dB',
      'currency: is 11 characters long; shorten it to at most 8',
    ]);
  });

  it('reports out before in at the out value', async () => {
    const line = '      - { in: "00:09", out: 3 }';
    expect(await onlyIssue(yamlLines(...head, line))).toBe(
      `7:${colOf(line, '3 }')} products[0].clips[0].out: out (3 s) must be after in (9 s); make out later than in, or swap them`,
    );
  });

  it('reports out equal to in', async () => {
    expect(await onlyIssue(yamlLines(...head, '      - { in: 3, out: 3 }'))).toContain('products[0].clips[0].out: out (3 s) must be after in (3 s)');
  });

  it('reports out and duration together at duration', async () => {
    const line = '      - { in: 1, out: 3, duration: 2 }';
    expect(await onlyIssue(yamlLines(...head, line))).toBe(
      `7:${colOf(line, '2 }')} products[0].clips[0].duration: give either \`out\` (where the clip ends) or \`duration\` (how long it is), not both; remove one`,
    );
  });

  it('reports caption and captions together at captions', async () => {
    const line = '      - { caption: hi, captions: tea.srt }';
    expect(await onlyIssue(yamlLines(...head, line))).toBe(
      `7:${colOf(line, 'tea.srt')} products[0].clips[0].captions: give either \`caption\` (one text) or \`captions\` (a timed SRT/VTT file), not both; remove one`,
    );
  });

  it('refuses a zero duration and a malformed time', async () => {
    const issues = await issuesOf(yamlLines(...head, '      - { duration: "0" }', '      - { in: "1:75" }'));
    expect(issues.map((issue) => `${issue.line} ${issue.path}`)).toEqual(['7 products[0].clips[0].duration', '8 products[0].clips[1].in']);
    expect(issues[1]!.message).toBe('"1:75" is not a time; write seconds (3.5) or "mm:ss(.s)" / "hh:mm:ss(.s)", e.g. "00:12.5"');
  });

  it('reports a start time in a DST gap as an error at stream.start', async () => {
    const text = yamlLines('stream:', '  title: Tea night', '  start: 2026-03-08 02:30', '  timezone: America/New_York', ...head.slice(2), '      - { in: 1 }');
    expect(await onlyIssue(text)).toBe(
      '3:10 stream.start: 2026-03-08 02:30 does not exist in America/New_York: the clocks jump forward an hour that night, skipping it; choose a time that exists, e.g. 2026-03-08 03:30',
    );
  });

  it('takes the earlier instant of a time that happens twice, with a warning at stream.start', async () => {
    const text = yamlLines('stream:', '  title: Tea night', '  start: 2026-11-01 01:30', '  timezone: America/New_York', ...head.slice(2), '      - { in: 1 }');
    const result = await load(text);
    if (!result.ok) throw new Error(result.issues.map((issue) => formatYamlIssue(issue)).join('\n'));
    // 01:30 EDT (UTC-4), not 01:30 EST (UTC-5).
    expect(result.spec.stream.start?.utc.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ line: 3, col: 10, path: 'stream.start' });
    expect(result.warnings[0]!.message).toContain('happens twice in America/New_York');
    expect(result.warnings[0]!.message).toContain('"2026-11-01T01:30-05:00"');
  });

  it('reports a missing logo, music file and templates folder', async () => {
    await temp.write('tpl', 'not a folder');
    const text = yamlLines(...head, '      - { in: 1 }', 'brand: { logo: brand/logo.png }', 'music: { file: bgm.mp3 }', 'templates: tpl');
    const issues = await issuesOf(text);
    expect(issues.map((issue) => `${issue.line}:${issue.col} ${issue.path}`)).toEqual(['8:16 brand.logo', '9:16 music.file', '10:12 templates']);
    expect(issues[0]!.message).toBe(`does not exist (${temp.dir}/brand/logo.png); check the logo's path — it is relative to the spec's folder`);
    expect(issues[2]!.message).toContain('is not a folder');
  });

  it('reports every problem at once, in file order', async () => {
    const text = yamlLines(
      'stream:', //                                   1
      '  title: Tea night', //                        2
      '  title: Tea day', //                          3 duplicate key
      '  url: ftp://example.com', //                  4 not http(s)
      'brand: { color: red, logo: none.png }', //     5 colour; missing logo
      'products:', //                                 6
      '  - sku: TEA 001', //                          7 bad SKU
      '    footage: concat:a|b', //                   8 protocol
      '    clips:', //                                9
      '      - { in: 9, out: 3, captoin: x }', //     10 out<in; unknown field
      '  - sku: CUP-2', //                            11
      '    footage: cup.jpg', //                      12
      '    clips: [{ duration: 4 }]', //              13
      '    price: -1', //                             14 out of range
      'outputs: [douyn, { name: custom }]', //        15 unknown preset; custom without size
      'fit: cropp', //                                16 enum
      'loudness: -3', //                              17 range
      'intro: { duration: 20 }', //                   18 range
    );
    const issues = await issuesOf(text);
    expect(issues.map((issue) => `${issue.line} ${issue.path}`)).toEqual([
      '3 stream.title',
      '4 stream.url',
      '5 brand.color',
      '5 brand.logo',
      '7 products[0].sku',
      '8 products[0].footage',
      '10 products[0].clips[0].out',
      '10 products[0].clips[0].captoin',
      '14 products[1].price',
      '15 outputs[0]',
      '15 outputs[1].name',
      '16 fit',
      '17 loudness',
      '18 intro.duration',
    ]);
    expect(issues.find((issue) => issue.path === 'fit')!.message).toBe('expected one of blur, crop, pad, smart, received "cropp"; did you mean `crop`?');
    expect(issues.find((issue) => issue.path === 'loudness')!.message).toBe('-3 is out of range; use a number from -40 to -5 LUFS');
  });

  it('reports problems in one product without hiding duplicate SKUs in another', async () => {
    const text = yamlLines(...head.slice(0, 4), '    footage: https://x/a.mp4', '    clips: [{ in: 1 }]', '  - sku: tea-001', '    footage: b.mp4', '    clips: [{ in: 1 }]');
    const issues = await issuesOf(text);
    expect(issues.map((issue) => `${issue.line}:${issue.col} ${issue.path}`)).toEqual(['5:14 products[0].footage', '7:10 products[1].sku']);
    expect(issues[1]!.message).toBe('SKU tea-001 is used twice (also products[0], case-insensitively); SKUs name output folders, make each unique');
  });

  it('refuses SKUs that would write into the reel or preview folders', async () => {
    const text = yamlLines('products:', '  - sku: Reel', '    footage: a.mp4', '    clips: [{ in: 1 }]', '  - sku: preview', '    footage: b.mp4', '    clips: [{ in: 1 }]');
    const issues = (await issuesOf(text)).filter((issue) => issue.path.endsWith('.sku'));
    expect(issues.map((issue) => `${issue.line}:${issue.col} ${issue.path}: ${issue.message}`)).toEqual([
      '2:10 products[0].sku: SKU Reel is reserved: promo writes its reel folder beside the products\' folders; rename the product (e.g. Reel-1)',
      '5:10 products[1].sku: SKU preview is reserved: promo writes its preview folder beside the products\' folders; rename the product (e.g. preview-1)',
    ]);
  });

  it('explains an unquoted colour that YAML read as a comment', async () => {
    const message = await onlyIssue(yamlLines(...head, '      - { in: 1 }', 'brand:', '  color: #E60012'));
    expect(message).toBe('9:3 brand.color: is empty; give text or remove the line (in YAML an unquoted # starts a comment: write color: "#E60012")');
  });

  it('refuses an empty spec and a spec that is not a mapping', async () => {
    expect(await onlyIssue('# nothing here\n')).toMatch(/^1:1 : the spec is empty/);
    expect(await onlyIssue('- a\n- b\n')).toBe('1:1 : expected a mapping (`key: value` lines), received a list');
  });

  it('refuses a missing spec file with a clear message', async () => {
    const result = await loadSpec(`${temp.dir}/nope.yaml`, { timezone: 'UTC' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toBe('the spec file does not exist; check the path');
  });
});

describe('formatYamlIssue', () => {
  it('prints file:line:col path: message, the file relative when asked', () => {
    const issue: YamlIssue = { file: '/work/shop/spec.yaml', line: 14, col: 7, path: 'products[2].clips[0].out', message: 'is wrong; fix it' };
    expect(formatYamlIssue(issue, '/work/shop')).toBe('spec.yaml:14:7 products[2].clips[0].out: is wrong; fix it');
    expect(formatYamlIssue(issue)).toBe('/work/shop/spec.yaml:14:7 products[2].clips[0].out: is wrong; fix it');
    expect(formatYamlIssue({ ...issue, path: '' }, '/elsewhere')).toBe('/work/shop/spec.yaml:14:7 is wrong; fix it');
  });
});
