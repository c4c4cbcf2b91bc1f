// `promo suggest --write spec.yaml`: replaces the clips of some products (their `clips: auto`, or
// the clips they had) with the clips promo picked, written as plain `{ in, out }` entries a person
// can fine-tune. Goes through the yaml Document, so comments and the rest of the file are kept;
// the result is loaded as `promo validate` loads a spec before it replaces the file atomically.
import { readFile, writeFile } from 'node:fs/promises';
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { PromoError } from '../util/promo-error.ts';
import { writeAtomic } from '../util/write-atomic.ts';
import { formatYamlIssue } from '../yaml/yaml-issue.ts';
import { loadSpec } from './load-spec.ts';

export interface SuggestedClips {
  /** The product's index in `products`. */
  product: number;
  clips: { in: number; out: number; note?: string }[];
}

/** Writes `updates` into the spec at `file` (absolute), keeping its comments; throws PromoError when the result does not load. */
export async function writeSuggestedClips(file: string, updates: readonly SuggestedClips[], timezone: string): Promise<void> {
  const doc = parseDocument(await readFile(file, 'utf8'));
  const products = doc.get('products', true);
  if (!isSeq(products)) throw new PromoError('SPEC_INVALID', `${file} has no products list to write clips into`);
  for (const update of updates) {
    const product = products.items[update.product];
    if (!isMap(product)) throw new PromoError('SPEC_INVALID', `${file}: products[${update.product}] is not a mapping`);
    const list = doc.createNode(update.clips.map((clip) => ({ in: clip.in, out: clip.out })));
    list.items.forEach((item, i) => {
      const node = item as YAMLMap;
      node.flow = true;
      const note = update.clips[i]!.note;
      if (note) node.comment = ` ${note.replace(/[\r\n]+/g, ' ')}`;
    });
    (product as YAMLMap).set('clips', list);
  }
  const text = doc.toString();
  await writeAtomic(file, async (temp) => {
    await writeFile(temp, text);
    // The temp sits beside the spec, so its relative paths resolve the same.
    const loaded = await loadSpec(temp, { timezone });
    if (!loaded.ok) {
      throw new PromoError('SPEC_INVALID', `the clips written into ${file} do not load: ${loaded.issues.map((issue) => formatYamlIssue(issue)).join('; ')}`);
    }
  });
}
