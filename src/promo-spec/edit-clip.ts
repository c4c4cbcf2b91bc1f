// Writes a change to one clip (its caption, in or out) back into the spec YAML the way a careful
// person would: only the edited value's characters change, so comments, key order, quoting and
// blank lines elsewhere stay byte for byte (the yaml package's CST, not a re-serialised document).
// The edited text is written through writeCheckedSpec: validated as `promo validate` loads a spec,
// plus an optional check of the caller's (the footage's length), then swapped in atomically.
import { readFile } from 'node:fs/promises';
import { Composer, CST, isMap, isScalar, isSeq, LineCounter, parse, Parser, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { formatYamlPath, type YamlIssue } from '../yaml/yaml-issue.ts';
import type { YamlPath } from '../yaml/yaml-path.ts';
import { loadSpec } from './load-spec.ts';
import type { PromoSpec } from './spec-types.ts';
import { writeCheckedSpec } from './write-checked-spec.ts';

/** The fields a clip edit may change; a field left out stays as it is. */
export interface ClipChanges {
  caption?: string;
  /** Seconds (`3.5`) or `mm:ss(.s)` text, as in the spec. */
  in?: string;
  out?: string;
}

export interface EditClipOptions {
  /** Absolute spec path. */
  file: string;
  sku: string;
  /** The clip's index in the product's `clips`. */
  clip: number;
  changes: ClipChanges;
  /** IANA zone for a spec that names none (from the config), as for loadSpec. */
  timezone: string;
  /** More checks on the edited, valid spec (e.g. clip times against the footage); issues refuse the edit. */
  check?: (spec: PromoSpec) => Promise<YamlIssue[]>;
}

export type EditClipResult =
  | { ok: true; spec: PromoSpec; changed: boolean }
  /** Nothing was written; each issue has the edited file's line:col and the field's path. */
  | { ok: false; issues: YamlIssue[] };

const FIELDS = ['caption', 'in', 'out'] as const;

/** Applies `changes` to clip `clip` of product `sku` in the spec file, validated, atomically. */
export async function editClip(options: EditClipOptions): Promise<EditClipResult> {
  let original: string;
  try {
    original = await readFile(options.file, 'utf8');
  } catch (error) {
    return { ok: false, issues: [issueAt(options.file, 1, 1, [], `the spec cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); it may have been moved or removed`)] };
  }
  const edited = applyClipChanges(original, options);
  if (!edited.ok) return edited;
  if (edited.text === original) {
    const loaded = await loadSpec(options.file, { timezone: options.timezone });
    return loaded.ok ? { ok: true, spec: loaded.spec, changed: false } : { ok: false, issues: loaded.issues };
  }
  const written = await writeCheckedSpec({ file: options.file, original, text: edited.text, timezone: options.timezone, check: options.check });
  return written.ok ? { ok: true, spec: written.spec, changed: true } : written;
}

type TextResult = { ok: true; text: string } | { ok: false; issues: YamlIssue[] };

/** The spec text with the changes made (pure: no file access); exported for the tests. */
export function applyClipChanges(text: string, options: Pick<EditClipOptions, 'file' | 'sku' | 'clip' | 'changes'>): TextResult {
  let current = text;
  for (const field of FIELDS) {
    const value = options.changes[field];
    if (value === undefined) continue;
    const step = setClipField(current, options, field, value);
    if (!step.ok) return step;
    current = step.text;
  }
  return { ok: true, text: current };
}

function setClipField(text: string, options: Pick<EditClipOptions, 'file' | 'sku' | 'clip'>, field: (typeof FIELDS)[number], value: string): TextResult {
  const lineCounter = new LineCounter();
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const docs = Array.from(new Composer({ keepSourceTokens: true, version: '1.2' }).compose(tokens)) as Document.Parsed[];
  const doc = docs[0];
  const fail = (path: YamlPath, message: string, offset = 0): TextResult => {
    const { line, col } = lineCounter.linePos(offset);
    return { ok: false, issues: [issueAt(options.file, line, col, path, message)] };
  };
  if (!doc || docs.length !== 1 || doc.errors.length > 0) return fail([], 'the spec does not parse as one YAML document; fix it in an editor first');
  const products = doc.get('products', true);
  if (!isSeq(products)) return fail(['products'], 'the spec has no `products` list');
  const index = products.items.findIndex((item) => isMap(item) && item.get('sku') === options.sku);
  if (index < 0) return fail(['products'], `no product with sku ${options.sku} in the spec; it may have been renamed — reload the page`);
  const clips = (products.items[index] as YAMLMap).get('clips', true);
  const path: YamlPath = ['products', index, 'clips', options.clip, field];
  const clip = isSeq(clips) ? clips.items[options.clip] : undefined;
  if (!isMap(clip)) return fail(path.slice(0, 4), `product ${options.sku} has no clip ${options.clip + 1} written as a mapping; reload the page`, rangeOf(clips)?.[0]);

  const scalar = toScalarText(field, value);
  const existing = clip.get(field, true) as Node | undefined;
  if (isScalar(existing) && (existing as Scalar & { srcToken?: CST.Token }).srcToken) {
    const token = (existing as Scalar & { srcToken: CST.FlowScalar | CST.BlockScalar }).srcToken;
    // afterKey: a block scalar's lines are indented under its key, not at the key's column.
    CST.setScalarValue(token, scalar.source, { type: typeFor(field, existing.type, scalar), afterKey: true, inFlow: clip.flow === true });
    const next = tokens.map((token) => CST.stringify(token)).join('');
    return checkReadsBack(next, options.file, path, scalar.value);
  }
  if (existing !== undefined) return fail(path, `\`${field}\` is not a plain value here; change it in an editor`, rangeOf(existing)?.[0]);
  const next = insertPair(text, clip, `${field}: ${scalar.quoted}`);
  return checkReadsBack(next, options.file, path, scalar.value);
}

interface ScalarText {
  /** What the YAML must read back. */
  value: string | number;
  /** The characters for a plain scalar (a number) or the string to quote. */
  source: string;
  /** The value written out in full for a new key. */
  quoted: string;
  number: boolean;
}

function toScalarText(field: string, value: string): ScalarText {
  const trimmed = field === 'caption' ? value : value.trim();
  // Seconds are written as a YAML number, as a person writes `in: 3.5`; anything else is text.
  if (field !== 'caption' && /^\d+(?:\.\d+)?$/.test(trimmed)) return { value: Number(trimmed), source: trimmed, quoted: trimmed, number: true };
  // JSON's string escapes are a subset of YAML's double-quoted ones.
  return { value: trimmed, source: trimmed, quoted: JSON.stringify(trimmed), number: false };
}

function typeFor(field: string, previous: Scalar['type'], scalar: ScalarText): Scalar.Type {
  if (scalar.number) return 'PLAIN';
  if (previous === 'QUOTE_SINGLE' || previous === 'QUOTE_DOUBLE') return previous;
  // `mm:ss` unquoted is a number of seconds to a YAML 1.1 reader: times are always quoted.
  if (field !== 'caption') return 'QUOTE_DOUBLE';
  if ((previous === 'BLOCK_LITERAL' || previous === 'BLOCK_FOLDED') && scalar.source.includes('\n')) return previous;
  // A plain string stays plain only when YAML reads it back as that very string (no `: `, `#`, `yes`, `12`).
  if (previous === 'PLAIN' && !scalar.source.includes('\n') && readsAs(scalar.source, scalar.source)) return 'PLAIN';
  return 'QUOTE_DOUBLE';
}

function readsAs(source: string, value: string): boolean {
  try {
    return parse(`x: ${source}`, { version: '1.2' })?.x === value;
  } catch {
    return false;
  }
}

/** Adds `pair` as the clip's last key: inside `{ … }`, or as a new line at the keys' indentation. */
function insertPair(text: string, clip: YAMLMap, pair: string): string {
  const last = clip.items.at(-1);
  const end = rangeOf(last?.value as Node | undefined)?.[1] ?? rangeOf(last?.key as Node | undefined)?.[1];
  if (clip.flow) {
    if (end === undefined) {
      const open = text.indexOf('{', rangeOf(clip)![0]);
      return `${text.slice(0, open + 1)} ${pair} ${text.slice(open + 1)}`;
    }
    return `${text.slice(0, end)}, ${pair}${text.slice(end)}`;
  }
  const firstKey = rangeOf(clip.items[0]!.key as Node)![0]!;
  const lineStart = text.lastIndexOf('\n', firstKey - 1) + 1;
  // `  - in: 0` → the keys stand at the column after `- `.
  const indent = text.slice(lineStart, firstKey).replace(/[^\t]/g, ' ');
  const lineEnd = text[end! - 1] === '\n' ? end! - 1 : text.indexOf('\n', end!);
  if (lineEnd < 0) return `${text}\n${indent}${pair}\n`;
  return `${text.slice(0, lineEnd)}\n${indent}${pair}${text.slice(lineEnd)}`;
}

/** The edit must read back as the value given, at its path: anything else is a bug, never written. */
function checkReadsBack(text: string, file: string, path: YamlPath, value: string | number): TextResult {
  let read: unknown;
  try {
    read = parse(text, { version: '1.2' });
  } catch {
    read = undefined;
  }
  let node = read;
  for (const segment of path) node = (node as Record<string | number, unknown> | undefined)?.[segment];
  if (node !== value) return { ok: false, issues: [issueAt(file, 1, 1, path, 'promo could not write this value here without changing the YAML around it; change it in an editor')] };
  return { ok: true, text };
}

function rangeOf(node: unknown): readonly number[] | undefined {
  return (node as { range?: readonly number[] } | null | undefined)?.range ?? undefined;
}

function issueAt(file: string, line: number, col: number, path: YamlPath, message: string): YamlIssue {
  return { file, line, col, path: formatYamlPath(path), message };
}
