// Parsed and validated templates kept between runs in one JSON file (an output folder's
// `.promo/templates.json`), by the file's bytes and the code that parsed them: reading the YAML
// of the eight built-in templates with the hardened reader, then validating them, cost every
// `promo render` ~0.1 s of CPU before its ffmpeg, for values that only change with the files or
// with promo. Only templates that were valid are kept; a changed file is read afresh (and its
// problems reported with line and column as before).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { writeAtomic } from '../util/write-atomic.ts';

interface StoredTemplates {
  version: 1;
  /** What parsed them (load-templates.ts's code identity): entries of other code are not used. */
  code: string;
  /** Parsed values by entryKey(kind, bytes). */
  entries: Record<string, unknown>;
}

/** The parsed templates of one file on disk; reads and writes it whole. */
export class ParsedTemplateCache {
  /** This run's entries: what save() writes (so the file holds only templates still in use). */
  private readonly used = new Map<string, unknown>();
  private changed = false;

  private constructor(private readonly file: string, private readonly code: string, private readonly stored: Record<string, unknown>) {}

  /** Opens the cache at `file` for values parsed by `code`; empty when missing, damaged or of other code. */
  static async open(file: string, code: string): Promise<ParsedTemplateCache> {
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as StoredTemplates;
      if (parsed.version === 1 && parsed.code === code && typeof parsed.entries === 'object' && parsed.entries !== null) {
        return new ParsedTemplateCache(file, code, parsed.entries);
      }
    } catch {
      // none yet, or damaged: start empty
    }
    return new ParsedTemplateCache(file, code, {});
  }

  /** The value kept for a template of `kind` (its schema) with these bytes, if any. */
  get(kind: string, bytes: Uint8Array): unknown {
    const key = entryKey(kind, bytes);
    if (!Object.hasOwn(this.stored, key)) return undefined;
    const value = this.stored[key];
    this.used.set(key, value);
    return value;
  }

  /** Keeps `value` for a template of `kind` with these bytes, unless JSON cannot hold it as it is. */
  set(kind: string, bytes: Uint8Array, value: unknown): void {
    // An undefined field or a non-finite number would come back otherwise: such a value is parsed each run.
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(value) ?? 'null'), value)) return;
    this.used.set(entryKey(kind, bytes), value);
    this.changed = true;
  }

  /** Writes the file when this run parsed something it did not hold. */
  async save(): Promise<void> {
    if (!this.changed) return;
    const stored: StoredTemplates = { version: 1, code: this.code, entries: Object.fromEntries(this.used) };
    await writeAtomic(this.file, JSON.stringify(stored));
  }
}

function entryKey(kind: string, bytes: Uint8Array): string {
  return createHash('sha256').update(kind).update('\0').update(bytes).digest('hex');
}
