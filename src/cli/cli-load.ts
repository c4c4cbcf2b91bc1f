// Loading the config and the spec for a command, with every spec problem printed as
// file:line:col and exit code 2.
import { relative } from 'node:path';
import type { PromoConfig } from '../config/config-types.ts';
import { loadConfig } from '../config/load-config.ts';
import { loadSpec } from '../promo-spec/load-spec.ts';
import { formatYamlIssue } from '../yaml/yaml-issue.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import { ExitError, type CliIo } from './cli-io.ts';
import { EXIT } from './exit-codes.ts';

/** Loads the config (`--config`, else ./config.yaml when present, else defaults). */
export async function loadCliConfig(file: string | undefined): Promise<PromoConfig> {
  return loadConfig(file, { cwd: process.cwd() });
}

/** Loads a spec or prints every problem and exits 2. */
export async function loadCliSpec(io: CliIo, file: string, config: PromoConfig): Promise<PromoSpec> {
  const result = await loadSpec(file, { timezone: config.timezone });
  for (const warning of result.warnings) io.stderr.write(`warning: ${formatYamlIssue(warning, process.cwd())}\n`);
  if (!result.ok) {
    for (const issue of result.issues) io.stderr.write(`${formatYamlIssue(issue, process.cwd())}\n`);
    const count = result.issues.length;
    const shown = relative(process.cwd(), file);
    io.stderr.write(`${shown && !shown.startsWith('..') ? shown : file}: ${count} problem${count === 1 ? '' : 's'}; nothing was rendered\n`);
    throw new ExitError(EXIT.invalid);
  }
  return result.spec;
}

