// `promo suggest --write spec.yaml`: replaces the clips of some products (their `clips: auto`, or
// the clips they had) with the clips promo picked, written as plain `{ in, out }` entries a person
// can fine-tune. Only the characters of each `clips:` value change (spliced into the text at the
// value's source range, not a re-serialised document), so comments, quoting and flow lists
// elsewhere stay byte for byte; the result goes through writeCheckedSpec.
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { PromoError } from '../util/promo-error.ts';
import { formatYamlIssue } from '../yaml/yaml-issue.ts';
import { writeCheckedSpec } from './write-checked-spec.ts';

export interface SuggestedClips {
  /** The product's index in `products`. */
  product: number;
  clips: { in: number; out: number; note?: string }[];
}

/** Writes `updates` into the spec at `file` (absolute), keeping the rest of its text; throws PromoError when the result does not load. */
export async function writeSuggestedClips(file: string, updates: readonly SuggestedClips[], timezone: string): Promise<void> {
  const original = await readFile(file, 'utf8');
  const text = spliceSuggestedClips(original, updates, file);
  const written = await writeCheckedSpec({ file, original, text, timezone });
  if (!written.ok) throw new PromoError('SPEC_INVALID', `the clips written into ${file} do not load: ${written.issues.map((issue) => formatYamlIssue(issue)).join('; ')}`);
}

/** The spec text with each product's `clips:` value replaced (pure); exported for the tests. */
export function spliceSuggestedClips(text: string, updates: readonly SuggestedClips[], file: string): string {
  const doc = parseDocument(text);
  const products = doc.get('products', true);
  if (!isSeq(products)) throw new PromoError('SPEC_INVALID', `${file} has no products list to write clips into`);
  const edits = updates.map((update) => {
    const product = products.items[update.product];
    if (!isMap(product)) throw new PromoError('SPEC_INVALID', `${file}: products[${update.product}] is not a mapping`);
    const pair = (product as YAMLMap).items.find((item) => isScalar(item.key) && item.key.value === 'clips') as Pair<Node, Node> | undefined;
    if (!pair?.key?.range || !pair.value?.range) throw new PromoError('SPEC_INVALID', `${file}: products[${update.product}] has no clips to replace`);
    return { product: product as YAMLMap, key: pair.key.range, value: pair.value.range, clips: update.clips };
  });
  // From the end of the file backwards, so earlier offsets stay valid.
  edits.sort((a, b) => b.value[0]! - a.value[0]!);
  let out = text;
  for (const edit of edits) {
    const [valueStart, valueEnd] = [edit.value[0]!, trimEnd(out, edit.value[0]!, edit.value[1]!)];
    if (edit.product.flow) {
      // Inside `{ … }` only a flow list fits; a flow list has no room for the notes.
      out = `${out.slice(0, valueStart)}[${edit.clips.map(flowClip).join(', ')}]${out.slice(valueEnd)}`;
      continue;
    }
    const keyStart = edit.key[0]!;
    const keyColumn = keyStart - (out.lastIndexOf('\n', keyStart - 1) + 1);
    const onKeyLine = !out.slice(edit.key[1]!, valueStart).includes('\n');
    // A value on the key's own line (`clips: auto`) becomes a list under the key; a list already
    // under it keeps its column.
    const column = onKeyLine ? keyColumn + 2 : valueStart - (out.lastIndexOf('\n', valueStart - 1) + 1);
    const lines = edit.clips.map((clip) => `- ${flowClip(clip)}${clip.note ? ` # ${clip.note.replace(/[\r\n]+/g, ' ')}` : ''}`);
    const block = lines.join(`\n${' '.repeat(column)}`);
    out = onKeyLine
      ? `${out.slice(0, edit.key[1]!)}:\n${' '.repeat(column)}${block}${out.slice(valueEnd)}`
      : `${out.slice(0, valueStart)}${block}${out.slice(valueEnd)}`;
  }
  return out;
}

function flowClip(clip: { in: number; out: number }): string {
  return `{ in: ${clip.in}, out: ${clip.out} }`;
}

/** A block value's range ends after its last line break; the break stays with what follows. */
function trimEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && /\s/.test(text[at - 1]!)) at -= 1;
  return at;
}
