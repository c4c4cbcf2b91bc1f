// YAML written to attack the loader is refused quickly, before it can cost time or memory;
// hostile caption text is kept exactly as written.
import { beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadSpec, type LoadSpecResult } from '../../src/promo-spec/load-spec.ts';
import type { YamlIssue } from '../../src/yaml/yaml-issue.ts';
import { makeTempFolder, yamlLines, type TempFolder } from './temp-folder.ts';

let temp: TempFolder;
beforeEach(async () => {
  temp = await makeTempFolder();
});

async function load(text: string | Buffer): Promise<LoadSpecResult> {
  const file = await temp.write('spec.yaml', text);
  return loadSpec(file, { timezone: 'Asia/Shanghai' });
}

async function issuesOf(text: string | Buffer): Promise<YamlIssue[]> {
  const result = await load(text);
  if (result.ok) throw new Error('expected the spec to be refused');
  return result.issues;
}

const valid = ['stream:', '  title: Tea night', 'products:', '  - sku: TEA-001', '    footage: tea.mp4', '    clips: [{ in: 1 }]'];

/** Classic billion laughs: 10 levels, each list holding 10 aliases of the level below. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= 9; level++) {
    const previous = `*a${level - 1}`;
    lines.push(`a${level}: &a${level} [${Array(10).fill(previous).join(', ')}]`);
  }
  return yamlLines(...valid, ...lines);
}

describe('hostile YAML', () => {
  it('refuses a 2 MB file before parsing, naming its size and the limit', async () => {
    // Valid YAML all the way (a huge comment), so only the size can be the reason.
    const text = Buffer.concat([Buffer.from(yamlLines(...valid)), Buffer.alloc(2 * 1024 * 1024, '#')]);
    const issues = await issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 1, col: 1, path: '' });
    expect(issues[0]!.message).toBe(
      `the spec file is 2.0 MiB (${text.length} bytes), over the 1 MiB (1048576 bytes) limit; refused before parsing — a spec only holds settings and paths, keep large data in the files it points to`,
    );
  });

  it('accepts a file just under the limit', async () => {
    const text = Buffer.concat([Buffer.from(yamlLines(...valid)), Buffer.alloc(1024 * 1024 - 200, '#')]);
    expect((await load(text)).ok).toBe(true);
  });

  it('refuses an alias bomb by measuring it, without expanding it', async () => {
    const issues = await issuesOf(aliasBomb());
    expect(issues).toHaveLength(1);
    const [, written, expanded] = /^aliases expand this (\d+)-node document to (\d+) nodes .*alias bomb/.exec(issues[0]!.message) ?? [];
    // The loader knows the whole 10^10-node expansion, far more nodes than memory could hold: it
    // measured the ~130 written nodes, it never built the expansion.
    expect(Number(written)).toBeLessThan(200);
    expect(Number(expanded)).toBeGreaterThan(1e10);
  });

  it('refuses an anchor used more often than the alias limit allows', async () => {
    const uses = Array.from({ length: 60 }, (_, index) => `  - { in: *t, caption: c${index} }`);
    const issues = await issuesOf(yamlLines(...valid.slice(0, 5), '    cover: &t 1', '    clips:', ...uses));
    expect(issues[0]!.message).toMatch(/Excessive alias count.*use fewer aliases/);
  });

  it('accepts a few aliases, and locates problems inside aliased nodes at the anchor', async () => {
    const ok = await load(yamlLines(...valid.slice(0, 5), '    clips: &clips [{ in: 1, out: 2 }]', '  - sku: CUP-002', '    footage: cup.mp4', '    clips: *clips'));
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.spec.products[1]!.clips[0]).toMatchObject({ in: 1, out: 2 });
    // products[1].clips is an alias of the list written on line 6.
    expect(ok.spec.locate(['products', 1, 'clips', 0, 'out'])).toMatchObject({ line: 6, col: 34 });
  });

  it('refuses an alias that refers to its own ancestor', async () => {
    const issues = await issuesOf(yamlLines(...valid, 'x: &loop [a, *loop]'));
    expect(issues[0]!.message).toMatch(/^the alias `\*loop` refers to a node that contains it/);
    expect(issues[0]).toMatchObject({ line: 7, col: 14 });
  });

  it('refuses an alias with no anchor', async () => {
    const issues = await issuesOf(yamlLines(...valid, 'currency: *nope'));
    expect(issues[0]).toMatchObject({ line: 7, col: 11, path: 'currency' });
    expect(issues[0]!.message).toMatch(/has no anchor `&nope`/);
  });

  it.each([
    ['%YAML 1.1', 'the directive `%YAML 1.1` is not supported'],
    ['%YAML 1.3', 'the directive `%YAML 1.3` is not supported'],
    ['%TAG !e! tag:example.com,2000:', 'the directive `%TAG !e! tag:example.com,2000:` is not supported'],
  ])('refuses the directive %s', async (directive, message) => {
    const issues = await issuesOf(yamlLines(directive, '---', ...valid));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 1, col: 1 });
    expect(issues[0]!.message).toContain(message);
  });

  it('accepts %YAML 1.2 and a leading document marker', async () => {
    expect((await load(yamlLines('%YAML 1.2', '---', ...valid))).ok).toBe(true);
    expect((await load(yamlLines('---', ...valid))).ok).toBe(true);
  });

  it('refuses a second document', async () => {
    const issues = await issuesOf(yamlLines(...valid, '---', 'stream: { title: other }'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 7, col: 1 });
    expect(issues[0]!.message).toMatch(/^a second YAML document starts here/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key wherever it is', async (key) => {
    const issues = await issuesOf(yamlLines(...valid.slice(0, 4), `    ${key}: { polluted: true }`, ...valid.slice(4)));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 5, col: 5, path: `products[0].${key}` });
    expect(issues[0]!.message).toBe(`the key \`${key}\` is not allowed (it could alter how values are read); remove it`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['!!js/function "function () {}"', '!!js/function'],
    ['!!binary aGVsbG8=', '!!binary'],
    ['!custom x', '!custom'],
  ])('refuses the tagged value %s', async (value, tag) => {
    const issues = await issuesOf(yamlLines(...valid, `currency: ${value}`));
    expect(issues).toHaveLength(1);
    // At the tagged value (after the tag).
    const col = 'currency: '.length + value.indexOf(' ') + 2;
    expect(issues[0]).toMatchObject({ line: 7, col, path: 'currency' });
    expect(issues[0]!.message).toContain(`the tag \`${tag}\` is not allowed`);
  });

  it('accepts core tags such as !!str', async () => {
    const result = await load(yamlLines(...valid, 'currency: !!str 12'));
    expect(result.ok && result.spec.currency).toBe('12');
  });

  it('refuses keys that are not plain names', async () => {
    const issues = await issuesOf(yamlLines(...valid, '? [a, b]', ': 1'));
    expect(issues[0]!.message).toMatch(/^a key must be a plain name/);
    expect(issues[0]).toMatchObject({ line: 7, col: 3 });
  });

  it('refuses absurd nesting', async () => {
    const issues = await issuesOf(yamlLines(...valid, `x: ${'['.repeat(100)}${']'.repeat(100)}`));
    expect(issues[0]!.message).toMatch(/^nested more than 64 levels deep/);
  });

  it('refuses a file that is not UTF-8', async () => {
    const issues = await issuesOf(Buffer.concat([Buffer.from(yamlLines(...valid, 'currency: ')), Buffer.from([0xff, 0xfe, 0x0a])]));
    expect(issues[0]!.message).toBe('the spec is not UTF-8 text; save it as UTF-8');
  });

  it('keeps hostile captions byte for byte', async () => {
    const captions = [
      "x',drawtext=textfile=/etc/hostname",
      '%{pts} %{e:while(1,1)} %{localtime}',
      '{\\fs300}big\\Nline C:\\new\\folder',
      '[in][out]; a,b: c',
      '<b>bold</b> <i>not a tag to us</i> <font color="red">x</font>',
      '"double" \'single\' `back` \\\\ \\n',
      '  leading and trailing spaces  ',
      'line one\nline two',
      '#not a comment & *not an alias !not-a-tag',
      '今晚直播价只要¥99 😀 \u200b zero-width',
      '--- ... %YAML 1.1',
    ];
    const clips = captions.map((caption) => ({ in: 1, caption }));
    const text = `${yamlLines(...valid.slice(0, 5))}${stringify({ clips }, { indent: 2 }).replace(/^/gm, '    ').trimEnd()}\n`;
    const result = await load(text);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.spec.products[0]!.clips.map((clip) => clip.caption)).toEqual(captions);
  });

  it('keeps captions written by hand in block and plain style exactly', async () => {
    const text = yamlLines(
      ...valid.slice(0, 5),
      '    clips:',
      '      - caption: |-',
      "          x',drawtext=textfile=/etc/hostname",
      '          {\\fs300} %{pts}',
      "      - caption: 'a [b] {c}; d: e ''q'''",
    );
    const result = await load(text);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.spec.products[0]!.clips.map((clip) => clip.caption)).toEqual([
      "x',drawtext=textfile=/etc/hostname\n{\\fs300} %{pts}",
      "a [b] {c}; d: e 'q'",
    ]);
  });
});
