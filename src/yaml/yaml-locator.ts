// Finds where a node of a parsed YAML document stands in the file, by its path.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourceLocation } from '../util/source-location.ts';
import type { YamlPath } from './yaml-path.ts';

export interface YamlLocator {
  /** The value at `path`; for a path that does not exist, the deepest node that does. */
  locate(path: YamlPath): SourceLocation | undefined;
  /** The key of the last segment of `path` (for unknown fields), else as `locate`. */
  locateKey(path: YamlPath): SourceLocation | undefined;
}

/** Builds a locator over `doc`; `aliasTargets` maps each alias to the node it stands for. */
export function createYamlLocator(
  doc: Document | undefined,
  lineCounter: LineCounter,
  file: string,
  aliasTargets: ReadonlyMap<unknown, Node> = new Map(),
): YamlLocator {
  const at = (offset: number | undefined): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { file, line, col };
  };
  const resolve = (node: unknown): unknown => (isAlias(node) ? aliasTargets.get(node) : node);

  /** Walks the path; returns the node reached, the key node of the last step, and the deepest offset. */
  const walk = (path: YamlPath) => {
    let node: unknown = doc?.contents ?? undefined;
    let key: Node | undefined;
    let offset: number | undefined = rangeStart(node) ?? 0;
    for (const segment of path) {
      node = resolve(node);
      key = undefined;
      let next: unknown;
      if (isMap(node)) {
        const pair = pairsByKey(node).get(String(segment));
        if (!pair) return { node: undefined, key: undefined, offset };
        key = pair.key as Node;
        next = pair.value;
        // An empty value (`out:`) has no text of its own: point at its key.
        const valueStart = isScalar(next) && next.value === null ? undefined : rangeStart(next);
        offset = valueStart ?? rangeStart(key) ?? offset;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        next = node.items[segment];
        offset = rangeStart(next) ?? offset;
      } else {
        return { node: undefined, key: undefined, offset };
      }
      node = next;
    }
    return { node, key, offset };
  };

  return {
    locate: (path) => (doc ? at(walk(path).offset) : undefined),
    locateKey: (path) => {
      if (!doc) return undefined;
      const found = walk(path);
      return at(rangeStart(found.key) ?? found.offset);
    },
  };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: readonly number[] } | null | undefined)?.range;
  return range?.[0];
}

// Per mapping, its pairs by key name (the last pair wins, as when the YAML is turned into values),
// built on first use: a spec with thousands of problems in one big mapping is located in linear time.
const pairIndex = new WeakMap<object, Map<string, Pair>>();

function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      if (isScalar(pair.key)) index.set(String(pair.key.value), pair as Pair);
    }
    pairIndex.set(map, index);
  }
  return index;
}
