// `${VAR}` references in channel settings: the only way a secret may be written in config.yaml.

/** One `${VAR}` reference (not anchored; build a global copy to replace them all). */
export const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/;

/** Replaces ${VAR} references with values from `env`; lists the variables that are not set. */
export function substituteEnv(value: string, env: NodeJS.ProcessEnv): { value: string; missing: string[] } {
  const missing: string[] = [];
  const result = value.replace(new RegExp(ENV_REF, 'g'), (_, name: string) => {
    const found = env[name];
    if (found === undefined || found === '') {
      missing.push(name);
      return '';
    }
    return found;
  });
  return { value: result, missing };
}
