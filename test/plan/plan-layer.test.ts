// plan/ is pure and sits below render/: what it produces (FfmpegCommand, LoudnessMeasurement) is
// declared in plan/, and no plan file imports from render/.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PLAN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'plan');

describe('plan/', () => {
  it('never imports render/', () => {
    const offenders = readdirSync(PLAN)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => [...readFileSync(join(PLAN, name), 'utf8').matchAll(/from '(\.\.\/render\/[^']+)'/g)].map((m) => `${name}: ${m[1]}`));
    expect(offenders).toEqual([]);
  });
});
