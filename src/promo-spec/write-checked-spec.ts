// The one way promo writes a spec file it changed for a person (a clip edit from the dashboard,
// `promo suggest --write`): the new text is loaded exactly as `promo validate` loads a spec, plus
// the caller's own check, beside the spec (so its relative paths resolve the same), and replaces
// the file atomically only when it loads and the file still holds what the change was made from.
import { readFile, writeFile } from 'node:fs/promises';
import { writeAtomic } from '../util/write-atomic.ts';
import type { YamlIssue } from '../yaml/yaml-issue.ts';
import { loadSpec } from './load-spec.ts';
import type { PromoSpec } from './spec-types.ts';

export interface WriteCheckedSpecOptions {
  /** Absolute spec path. */
  file: string;
  /** The text the change was made from: a spec saved meanwhile in an editor wins over the change. */
  original: string;
  text: string;
  /** IANA zone for a spec that names none (from the config), as for loadSpec. */
  timezone: string;
  /** More checks on the changed, valid spec; issues refuse the change. */
  check?: (spec: PromoSpec) => Promise<YamlIssue[]>;
}

export type WriteCheckedSpecResult = { ok: true; spec: PromoSpec } | { ok: false; issues: YamlIssue[] };

class Refused extends Error {}

/** Writes `text` over the spec when it loads and passes `check`; nothing is written otherwise. */
export async function writeCheckedSpec(options: WriteCheckedSpecOptions): Promise<WriteCheckedSpecResult> {
  const { file } = options;
  let refusal: YamlIssue[] | undefined;
  try {
    await writeAtomic(file, async (temp) => {
      await writeFile(temp, options.text);
      const loaded = await loadSpec(temp, { timezone: options.timezone });
      const issues = loaded.ok ? (await options.check?.(loaded.spec)) ?? [] : loaded.issues;
      if (!loaded.ok || issues.length > 0) {
        refusal = issues.map((issue) => (issue.file === temp ? { ...issue, file } : issue));
        throw new Refused();
      }
      if ((await readFile(file, 'utf8')) !== options.original) {
        refusal = [{ file, line: 1, col: 1, path: '', message: 'the spec changed on disk while this change was being checked; reload it and make the change again' }];
        throw new Refused();
      }
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { ok: false, issues: refusal! };
  }
  // Loaded again from its own name: the temp's spec would name the temp in every location.
  const loaded = await loadSpec(file, { timezone: options.timezone });
  return loaded.ok ? { ok: true, spec: loaded.spec } : { ok: false, issues: loaded.issues };
}
