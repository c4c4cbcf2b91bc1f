// Loads the built-in templates (templates/ at the top of the repo) and lets a user's folder
// override any of them file by file; every file is read as safely as the spec, validated and
// reported with file:line:col.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { LoadedTemplate, TemplateSet } from './graphics-types.ts';
import { ParsedTemplateCache } from './parsed-template-cache.ts';
import { MAX_TEMPLATE_BYTES, readTemplateFile, type TemplateProblem } from './read-template-file.ts';
import {
  badgeTemplateSchema, captionStyleSchema, layeredTemplateSchema, logoTemplateSchema,
  type LayeredTemplate,
} from './template-schema.ts';
import { PromoError } from '../util/promo-error.ts';

const BUILTIN_DIR = fileURLToPath(new URL('../../templates', import.meta.url));
const TOP_LEVEL = ['intro.yaml', 'outro.yaml', 'cover.yaml', 'badge.yaml', 'logo.yaml'];
const STYLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
// What parses templates, for parsed-template-cache.ts: bundled, this module is a chunk named by
// its content hash, which esbuild derives from the chunks it imports too (the schemas, the YAML
// reader, zod), so any change to that code gives another name. Run from source there is no such
// name, and templates are parsed every run.
const CODE = /\/chunk-[A-Z0-9]+\.mjs$/.exec(import.meta.url)?.[0].slice(1);

export interface LoadTemplatesOptions {
  /** A folder of the user's templates, each overriding the built-in one of its name. */
  overrideDir?: string;
  /** Where parsed templates are kept between runs (parsed-template-cache.ts), e.g. `<out>/.promo/templates.json`. */
  cacheFile?: string;
  /** The identity of the code parsing them, for the cache (default: this module's bundle chunk; none from source). */
  cacheCode?: string;
}

/** Loads every template, each file taken from `overrideDir` when it has one of the same name. */
export async function loadTemplates(options: LoadTemplatesOptions = {}): Promise<TemplateSet> {
  const overrideDir = options.overrideDir === undefined ? undefined : resolve(options.overrideDir);
  const code = options.cacheCode ?? CODE;
  const cache = options.cacheFile !== undefined && code !== undefined ? await ParsedTemplateCache.open(options.cacheFile, code) : undefined;
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
  const load = async <S extends z.ZodType>(file: string, kind: string, schema: S, check?: (v: z.output<S>) => TemplateProblem[]) => {
    try {
      return await loadOne(file, { kind, schema, check, cache });
    } catch (error) {
      if (!(error instanceof PromoError)) throw error;
      problems.push(error.message);
      return undefined;
    }
  };

  const intro = await load(pick('intro.yaml'), 'layered', layeredTemplateSchema, checkImages(pick('intro.yaml')));
  const outro = await load(pick('outro.yaml'), 'layered', layeredTemplateSchema, checkImages(pick('outro.yaml')));
  const cover = await load(pick('cover.yaml'), 'layered', layeredTemplateSchema, checkImages(pick('cover.yaml')));
  const badge = await load(pick('badge.yaml'), 'badge', badgeTemplateSchema);
  const logo = await load(pick('logo.yaml'), 'logo', logoTemplateSchema);
  const captions: Record<string, LoadedTemplate<z.output<typeof captionStyleSchema>>> = {};
  for (const name of await captionStyleNames(overrideDir, problems)) {
    const style = await load(pick(join('captions', `${name}.yaml`)), 'caption', captionStyleSchema);
    if (style) captions[name] = style;
  }

  if (problems.length > 0 || !intro || !outro || !cover || !badge || !logo) {
    throw new PromoError('ASSET_INVALID', problems.join('\n'), {
      hint: 'fix the template (templates/README.md describes the format) or delete it to use the built-in one',
    });
  }
  // A cache that cannot be written (a read-only folder) only means parsing again next time.
  await cache?.save().catch(() => undefined);
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

interface LoadOneOptions<S extends z.ZodType> {
  /** Which schema, for the kept values: `layered`, `badge`, `logo`, `caption`. */
  kind: string;
  schema: S;
  check?: (value: z.output<S>) => TemplateProblem[];
  cache?: ParsedTemplateCache;
}

async function loadOne<S extends z.ZodType>(file: string, { kind, schema, check, cache }: LoadOneOptions<S>): Promise<LoadedTemplate<z.output<S>>> {
  // A file that cannot be stat'ed is not cached; readTemplateFile says what is wrong with it.
  const info = await stat(file, { bigint: true }).catch(() => undefined);
  const key = info && `${file}\0${info.size}\0${info.mtimeNs}\0${info.ctimeNs}\0${info.ino}`;
  const known = key === undefined ? undefined : parsed.get(key);
  if (known) return known as LoadedTemplate<z.output<S>>;
  // Only a regular file within the size limit is read here (a FIFO would block); readTemplateFile
  // refuses the others with its message. A kept value still passes `check` (its images exist).
  const bytes = cache && info?.isFile() && info.size <= MAX_TEMPLATE_BYTES ? await readFile(file).catch(() => undefined) : undefined;
  const kept = bytes && (cache!.get(kind, bytes) as z.output<S> | undefined);
  const usable = kept !== undefined && (check?.(kept) ?? []).length === 0;
  const value = usable ? kept : await readTemplateFile(file, schema, check);
  if (bytes && !usable) cache!.set(kind, bytes, value);
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
