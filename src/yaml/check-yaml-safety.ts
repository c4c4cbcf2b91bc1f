// Refuses YAML built to attack the loader rather than describe a promo: alias bombs and cycles,
// prototype keys, language-specific or custom tags, non-name keys, absurd nesting.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { YamlPath } from './yaml-path.ts';

/** Most nodes that aliases may add beyond the ones written out (a spec reusing a clip list adds dozens). */
export const MAX_ALIAS_EXPANSION = 10_000;
/** Deepest nesting of lists and mappings accepted; a spec needs about 6. */
export const MAX_DEPTH = 64;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const CORE = 'tag:yaml.org,2002:';
const ALLOWED_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => CORE + name));

export interface YamlSafetyProblem {
  /** Offset in the text. */
  offset: number;
  path: YamlPath;
  message: string;
}

export interface DuplicateKey {
  /** Offset of the repeated key, and of its first occurrence. */
  offset: number;
  firstOffset: number;
  path: YamlPath;
  name: string;
}

export interface YamlSafetyResult {
  /** Reasons to refuse the document outright. */
  problems: YamlSafetyProblem[];
  /** Keys repeated within one mapping: errors, but the rest of the document can still be checked. */
  duplicates: DuplicateKey[];
  /** Each alias node and the anchored node it stands for. */
  aliasTargets: Map<unknown, Node>;
}

/** Walks the document once (no alias is expanded) and lists everything refused. */
export function checkYamlSafety(doc: Document): YamlSafetyResult {
  const problems: YamlSafetyProblem[] = [];
  const duplicates: DuplicateKey[] = [];
  const aliasTargets = new Map<unknown, Node>();
  const anchors = new Map<string, Node>();
  let written = 0;
  let tooDeep = false;

  const report = (node: unknown, path: YamlPath, message: string) =>
    problems.push({ offset: (node as { range?: number[] } | null)?.range?.[0] ?? 0, path, message });

  // Document order, parent before children: an alias refers to the last anchor set before it.
  const walk = (node: unknown, path: YamlPath, depth: number): void => {
    if (node === null || node === undefined) return;
    written++;
    if (depth > MAX_DEPTH) {
      if (!tooDeep) report(node, path, `nested more than ${MAX_DEPTH} levels deep; a promo spec needs far fewer — flatten it`);
      tooDeep = true;
      return;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    const tag = (node as { tag?: string }).tag;
    if (tag !== undefined && !ALLOWED_TAGS.has(tag)) {
      const shown = tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag;
      report(node, path, `the tag \`${shown}\` is not allowed; remove it: only plain YAML values (text, numbers, true/false, lists, mappings) are read`);
    }
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) aliasTargets.set(node, target);
      else report(node, path, `the alias \`*${node.source}\` has no anchor \`&${node.source}\` before it; define the anchor first or write the value out`);
      return;
    }
    if (isMap(node)) {
      // Duplicates are found here with a Set: the yaml package's own `uniqueKeys` check compares
      // every pair with every other, which takes a minute on a 1 MiB mapping.
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        let name: string;
        if (isScalar(key) && key.value !== null && typeof key.value !== 'object') {
          name = String(key.value);
          walk(key, path, depth + 1);
        } else {
          report(key ?? node, path, 'a key must be a plain name, not a list, mapping, alias or empty; write `name: value`');
          continue;
        }
        if (FORBIDDEN_KEYS.has(name)) {
          report(key, [...path, name], `the key \`${name}\` is not allowed (it could alter how values are read); remove it`);
          continue;
        }
        const offset = key.range?.[0] ?? 0;
        const firstOffset = seen.get(name);
        if (firstOffset === undefined) seen.set(name, offset);
        else duplicates.push({ offset, firstOffset, path, name });
        walk(pair.value, [...path, name], depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index], depth + 1));
    }
  };
  walk(doc.contents, [], 0);
  if (problems.length > 0) return { problems, duplicates, aliasTargets };

  // Count the nodes the document stands for once every alias is expanded, memoised per node so a
  // billion-laughs document is measured in time linear in its written size.
  const sizes = new Map<unknown, number>();
  const expanding = new Set<unknown>();
  let cycle: unknown;
  const expandedSize = (node: unknown): number => {
    if (node === null || node === undefined) return 0;
    const target = isAlias(node) ? aliasTargets.get(node) : node;
    if (target === undefined) return 1;
    const known = sizes.get(target);
    if (known !== undefined) return known;
    if (expanding.has(target)) {
      cycle ??= node;
      return 0;
    }
    expanding.add(target);
    let size = 1;
    if (isMap(target)) for (const pair of target.items) size += expandedSize(pair.key) + expandedSize(pair.value);
    else if (isSeq(target)) for (const item of target.items) size += expandedSize(item);
    expanding.delete(target);
    // Saturate: a bomb's true size overflows any useful number.
    size = Math.min(size, Number.MAX_SAFE_INTEGER);
    sizes.set(target, size);
    return size;
  };
  const expanded = expandedSize(doc.contents);
  if (cycle !== undefined) {
    report(cycle, [], `the alias \`*${(cycle as { source: string }).source}\` refers to a node that contains it; an alias must not point at its own ancestor`);
  } else if (expanded - written > MAX_ALIAS_EXPANSION) {
    report(doc.contents, [], `aliases expand this ${written}-node document to ${expanded} nodes (the limit is ${MAX_ALIAS_EXPANSION} added nodes); refused as a likely alias bomb — write the values out or use fewer aliases`);
  }
  return { problems, duplicates, aliasTargets };
}
