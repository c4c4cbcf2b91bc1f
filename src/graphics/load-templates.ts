// Loads the built-in templates (templates/ at the top of the repo) and lets a user's folder
// override any of them file by file; every file is read as safely as the spec, validated and
// reported with file:line:col.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { LoadedTemplate, TemplateSet } from './graphics-types.ts';
import { readTemplateFile, type TemplateProblem } from './read-template-file.ts';
import {
  badgeTemplateSchema, captionStyleSchema, layeredTemplateSchema, logoTemplateSchema,
  type LayeredTemplate,
} from './template-schema.ts';
import { PromoError } from '../util/promo-error.ts';

const BUILTIN_DIR = fileURLToPath(new URL('../../templates', import.meta.url));
const TOP_LEVEL = ['intro.yaml', 'outro.yaml', 'cover.yaml', 'badge.yaml', 'logo.yaml'];
const STYLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Loads every template, each file taken from `overrideDir` when it has one of the same name. */
export async function loadTemplates(options: { overrideDir?: string } = {}): Promise<TemplateSet> {
  const overrideDir = options.overrideDir === undefined ? undefined : resolve(options.overrideDir);
  const problems: string[] = [];
  if (overrideDir !== undefined) {
    if (!isDirectory(overrideDir)) {
      throw new PromoError('ASSET_INVALID', `templates folder not found: ${overrideDir}`, {
        hint: 'point `templates:` at a folder made by `promo init` (or remove it to use the built-in templates)',
      });
    }
    problems.push(...await strayFiles(overrideDir));
  }
  const pick = (name: string) => {
    const own = overrideDir === undefined ? undefined : join(overrideDir, name);
    return own !== undefined && existsSync(own) ? own : join(BUILTIN_DIR, name);
  };
  const load = async <S extends z.ZodType>(file: string, schema: S, check?: (v: z.output<S>) => TemplateProblem[]) => {
    try {
      return await loadOne(file, schema, check);
    } catch (error) {
      if (!(error instanceof PromoError)) throw error;
      problems.push(error.message);
      return undefined;
    }
  };

  const intro = await load(pick('intro.yaml'), layeredTemplateSchema, checkImages(pick('intro.yaml')));
  const outro = await load(pick('outro.yaml'), layeredTemplateSchema, checkImages(pick('outro.yaml')));
  const cover = await load(pick('cover.yaml'), layeredTemplateSchema, checkImages(pick('cover.yaml')));
  const badge = await load(pick('badge.yaml'), badgeTemplateSchema);
  const logo = await load(pick('logo.yaml'), logoTemplateSchema);
  const captions: Record<string, LoadedTemplate<z.output<typeof captionStyleSchema>>> = {};
  for (const name of await captionStyleNames(overrideDir, problems)) {
    const style = await load(pick(join('captions', `${name}.yaml`)), captionStyleSchema);
    if (style) captions[name] = style;
  }

  if (problems.length > 0 || !intro || !outro || !cover || !badge || !logo) {
    throw new PromoError('ASSET_INVALID', problems.join('\n'), {
      hint: 'fix the template (templates/README.md describes the format) or delete it to use the built-in one',
    });
  }
  return {
    builtinDir: BUILTIN_DIR,
    ...(overrideDir === undefined ? {} : { overrideDir }),
    intro: resolveImages(intro),
    outro: resolveImages(outro),
    cover: resolveImages(cover),
    badge,
    logo,
    captions,
  };
}

// Parsed templates by file and version (size, change times, inode, to the nanosecond): a watcher
// renders hundreds of jobs with the same templates, and parsing and validating them is most of
// what loading costs.
const parsed = new Map<string, LoadedTemplate<unknown>>();

async function loadOne<S extends z.ZodType>(
  file: string,
  schema: S,
  check?: (value: z.output<S>) => TemplateProblem[],
): Promise<LoadedTemplate<z.output<S>>> {
  // A file that cannot be stat'ed is not cached; readTemplateFile says what is wrong with it.
  const info = await stat(file, { bigint: true }).catch(() => undefined);
  const key = info && `${file}\0${info.size}\0${info.mtimeNs}\0${info.ctimeNs}\0${info.ino}`;
  const known = key === undefined ? undefined : parsed.get(key);
  if (known) return known as LoadedTemplate<z.output<S>>;
  const value = await readTemplateFile(file, schema, check);
  const loaded = { file, value, hash: createHash('sha256').update(JSON.stringify(value)).digest('hex') };
  if (key !== undefined) parsed.set(key, loaded);
  return loaded;
}

/** Image layers must name a file that exists next to the template. */
function checkImages(file: string) {
  return (value: LayeredTemplate): TemplateProblem[] => value.layers.flatMap((layer, i) =>
    layer.type === 'image' && !existsSync(resolve(dirname(file), layer.src))
      ? [{ path: ['layers', i, 'src'], message: `image not found: ${resolve(dirname(file), layer.src)}` }]
      : []);
}

/** Makes image paths absolute and folds the images' bytes into the hash. */
function resolveImages(template: LoadedTemplate<LayeredTemplate>): LoadedTemplate<LayeredTemplate> {
  const hash = createHash('sha256').update(template.hash);
  const layers = template.value.layers.map((layer) => {
    if (layer.type !== 'image') return layer;
    const src = resolve(dirname(template.file), layer.src);
    hash.update(readFileSync(src));
    return { ...layer, src };
  });
  return { file: template.file, value: { ...template.value, layers }, hash: hash.digest('hex') };
}

/** Built-in caption styles plus the user's, by name. */
async function captionStyleNames(overrideDir: string | undefined, problems: string[]): Promise<string[]> {
  const names = new Set<string>();
  for (const dir of [BUILTIN_DIR, overrideDir]) {
    if (dir === undefined) continue;
    const captionsDir = join(dir, 'captions');
    if (!isDirectory(captionsDir)) continue;
    for (const entry of await readdir(captionsDir)) {
      if (entry.endsWith('.yml')) {
        problems.push(`${join(captionsDir, entry)}:1:1 caption styles end in .yaml; rename it to ${entry.slice(0, -4)}.yaml`);
      } else if (entry.endsWith('.yaml')) {
        const name = entry.slice(0, -'.yaml'.length);
        if (STYLE_NAME.test(name)) names.add(name);
        else problems.push(`${join(captionsDir, entry)}:1:1 a caption style name uses letters, digits, - and _ only`);
      }
    }
  }
  return [...names].sort();
}

/** YAML files in the override folder that promo would silently ignore (usually a typo). */
async function strayFiles(overrideDir: string): Promise<string[]> {
  const entries = await readdir(overrideDir);
  return entries
    .filter((entry) => /\.ya?ml$/.test(entry) && !TOP_LEVEL.includes(entry))
    .map((entry) => `${join(overrideDir, entry)}:1:1 not a template name promo knows; expected one of ${TOP_LEVEL.join(', ')} (caption styles go in captions/)`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
