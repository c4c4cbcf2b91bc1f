// Templates are YAML too: a hostile or broken template gets the spec's protections (size limit,
// alias limits, duplicate keys, YAML 1.2 only) and an error at templates/<file>.yaml:LINE:COL.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/graphics/load-templates.ts';
import { PromoError } from '../../src/util/promo-error.ts';
import { runCli } from '../helpers/spec-dir.ts';
import { yamlLines } from '../promo-spec/temp-folder.ts';
import { freshDir } from './graphics-test-helpers.ts';

/** A user's templates/ folder holding `name` with `text`; returns the file's path. */
async function template(name: string, text: string | Buffer): Promise<{ dir: string; file: string }> {
  const dir = join(await freshDir(), 'templates');
  await mkdir(join(dir, 'captions'), { recursive: true });
  const file = join(dir, name);
  await writeFile(file, text);
  return { dir, file };
}

async function refusal(overrideDir: string): Promise<PromoError> {
  const error = await loadTemplates({ overrideDir }).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof PromoError)) throw new Error(`expected the templates to be refused, got ${String(error)}`);
  expect(error.code).toBe('ASSET_INVALID');
  return error;
}

const logo = ['maxWidth: 0.2', 'maxHeight: 0.09', 'x: 0.02', 'y: 0.02'];

describe('hostile templates', () => {
  it('refuses an alias bomb before expanding it', async () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level <= 9; level++) lines.push(`a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(', ')}]`);
    const { dir, file } = await template('logo.yaml', yamlLines(...logo, ...lines));
    const error = await refusal(dir);
    expect(error.message).toMatch(new RegExp(`^${file}:\\d+:\\d+ aliases expand this \\d+-node document to \\d+ nodes .*alias bomb`));
  });

  it('refuses a duplicate key at the repeated key, naming the first', async () => {
    const { dir, file } = await template('logo.yaml', yamlLines(...logo, 'maxWidth: 0.5'));
    const error = await refusal(dir);
    expect(error.message).toBe(`${file}:5:1 maxWidth: duplicate key \`maxWidth\` (first at line 1): only one value can be kept; remove or rename one of them`);
  });

  it('refuses a huge file before parsing it', async () => {
    const text = Buffer.concat([Buffer.from(yamlLines(...logo)), Buffer.alloc(2 * 1024 * 1024, '#')]);
    const { dir, file } = await template('badge.yaml', text);
    const error = await refusal(dir);
    expect(error.message).toMatch(new RegExp(`^${file}:1:1 the template file is 2\\.0 MiB \\(${text.length} bytes\\), over the 256\\.0 KiB \\(262144 bytes\\) limit; refused before parsing`));
  });

  it('refuses YAML 1.1 (where `no` is false and 1:30 is 90)', async () => {
    const { dir, file } = await template('logo.yaml', yamlLines('%YAML 1.1', '---', ...logo));
    expect((await refusal(dir)).message).toMatch(new RegExp(`^${file}:1:1 the directive \`%YAML 1\\.1\` is not supported`));
  });

  it('refuses a custom tag and a prototype key', async () => {
    const { dir, file } = await template('logo.yaml', yamlLines(...logo, 'opacity: !!js/function "function () {}"'));
    expect((await refusal(dir)).message).toMatch(new RegExp(`^${file}:5:\\d+ opacity: the tag \`!!js/function\` is not allowed`));
    await writeFile(file, yamlLines(...logo, '__proto__: { polluted: true }'));
    expect((await refusal(dir)).message).toMatch(new RegExp(`^${file}:5:1 __proto__: the key \`__proto__\` is not allowed`));
  });

  it('reports a wrong type at its line and column, in a caption style and in a layer', async () => {
    const style = await template(join('captions', 'neon.yaml'), yamlLines('size: 0.05', 'color: "#00FF00"', 'maxLines: two'));
    expect((await refusal(style.dir)).message).toBe(`${style.file}:3:11 maxLines: expected a number, received "two"`);

    const intro = await template('intro.yaml', yamlLines(
      'layers:',
      '  - type: text',
      '    box: { x: 0, y: 0, w: 1, h: 1 }',
      '    items:',
      "      - text: '{{stream.title}}'",
      '        size: 0.05',
      '        maxLines: [3]',
    ));
    expect((await refusal(intro.dir)).message).toBe(`${intro.file}:7:19 layers[0].items[0].maxLines: expected a number, received a list`);
  });
});

describe('parsed templates kept between loads', () => {
  it('are read again once the file changes, even to another text of the same size', async () => {
    const { dir, file } = await template('logo.yaml', yamlLines(...logo, 'opacity: 0.5'));
    expect((await loadTemplates({ overrideDir: dir })).logo.value.opacity).toBe(0.5);
    await writeFile(file, yamlLines(...logo, 'opacity: 0.7'));
    expect((await loadTemplates({ overrideDir: dir })).logo.value.opacity).toBe(0.7);
    await writeFile(file, yamlLines(...logo, 'opacity: 0.7', 'opacity: 0.9'));
    expect((await refusal(dir)).message).toContain(`${file}:6:1 opacity: duplicate key`);
  });
});

describe('a broken template in a project', () => {
  it('stops promo validate with templates/<file>.yaml:LINE:COL, relative to where promo runs', async () => {
    const project = await freshDir();
    await mkdir(join(project, 'templates'));
    await writeFile(join(project, 'templates', 'logo.yaml'), yamlLines(...logo, 'opacity: half'));
    await writeFile(join(project, 'spec.yaml'), yamlLines('stream: { title: t }', 'templates: ./templates', 'products: [{ sku: A, footage: a.mp4, clips: [{ in: 0, out: 1 }] }]'));
    const result = await runCli(['validate', 'spec.yaml'], { cwd: project });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('templates/logo.yaml:5:10 opacity: expected a number, received "half"');
    expect(result.stderr).not.toContain(project);
  });
});
