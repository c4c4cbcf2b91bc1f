// The last valid version of a watched spec. An edit is picked up for the next job; an edit that
// does not validate is reported and the previous version keeps working.
import { stat } from 'node:fs/promises';
import { loadSpec } from '../promo-spec/load-spec.ts';
import { formatYamlIssue } from '../yaml/yaml-issue.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';

export interface SpecHolder {
  /** The spec as of the last valid version (reloaded first when the file changed). */
  current(): Promise<PromoSpec>;
}

export interface SpecHolderOptions {
  timezone: string;
  /** Told about reloads and rejected edits. */
  onReport?: (message: string) => void;
}

/** Loads a spec that must be valid now; later edits are checked before they replace it. */
export async function holdSpec(file: string, options: SpecHolderOptions): Promise<SpecHolder> {
  const load = async () => {
    const result = await loadSpec(file, { timezone: options.timezone });
    return result;
  };
  const first = await load();
  if (!first.ok) {
    const error = new Error(`${file} is not a valid spec:\n${first.issues.map((i) => `  ${formatYamlIssue(i, process.cwd())}`).join('\n')}`);
    (error as Error & { issues: unknown }).issues = first.issues;
    throw error;
  }
  let spec = first.spec;
  let seen = await fingerprint(file);
  let rejected: string | undefined;
  let pending: Promise<PromoSpec> | undefined;
  const refresh = async (): Promise<PromoSpec> => {
    const now = await fingerprint(file);
    if (now === seen || now === rejected) return spec;
    const result = await load();
    if (result.ok) {
      spec = result.spec;
      seen = now;
      rejected = undefined;
      options.onReport?.(`reloaded ${file}`);
    } else {
      rejected = now;
      options.onReport?.(`${file} was edited but is not valid; still using the previous version:\n${result.issues.map((i) => `  ${formatYamlIssue(i, process.cwd())}`).join('\n')}`);
    }
    return spec;
  };
  return {
    current() {
      pending ??= refresh().finally(() => { pending = undefined; });
      return pending;
    },
  };
}

async function fingerprint(file: string): Promise<string> {
  try {
    const info = await stat(file);
    return `${info.size}:${info.mtimeMs}:${info.ino}`;
  } catch {
    return 'missing';
  }
}
