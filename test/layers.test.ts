// The layers of src/ import downwards only: each folder may import its own files and folders of
// lower layers, never a higher one or a sibling on the same layer. The README's Development
// section describes the same list.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

/** Lowest first. Folders on one line are siblings: neither may import the other. */
export const LAYERS: string[][] = [
  ['util'],
  ['yaml', 'cache'],
  ['time', 'presets'],
  ['channels'],
  ['config'],
  ['promo-spec', 'engine'],
  ['media'],
  ['plan', 'graphics'],
  ['analysis'],
  ['render'],
  ['store', 'publish'],
  ['queue', 'accounts', 'insights'],
  ['watch'],
  ['schedule'],
  ['read'],
  ['dashboard'],
  ['cli'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => normalize(join(dirname(file), m[1]!)));
}

const rankOf = new Map(LAYERS.flatMap((folders, rank) => folders.map((f) => [f, rank] as const)));
const folderOf = (file: string) => relative(SRC, file).split('/')[0]!;

describe('src/ layers', () => {
  const files = sourceFiles(SRC);

  it('places every folder of src/ on a layer', () => {
    const folders = new Set(files.map(folderOf).filter((f) => !f.endsWith('.ts')));
    expect([...folders].filter((f) => !rankOf.has(f))).toEqual([]);
  });

  it('imports only from the same folder or lower layers', () => {
    const upward: string[] = [];
    let crossings = 0;
    for (const file of files) {
      const from = folderOf(file);
      for (const target of importsOf(file)) {
        const to = folderOf(target);
        if (to === from) continue;
        crossings += 1;
        if (!(rankOf.get(to)! < rankOf.get(from)!)) upward.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
    expect(crossings, 'the import scan found the cross-folder imports').toBeGreaterThan(100);
  });
});
