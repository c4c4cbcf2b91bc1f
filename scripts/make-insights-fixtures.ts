// Writes the insights fixtures: one export per format (scripts/insights/export-fixtures.ts) and the
// hostile files (scripts/insights/hostile-fixtures.ts). Tests make them in a temp folder; run this
// to look at them or to try `promo insights import` by hand.
//
//   node bin/run-ts.js scripts/make-insights-fixtures.ts [dir]     (default: test/.work/insights-fixtures)
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { exportFixtures } from './insights/export-fixtures.ts';
import { hostileFixtures } from './insights/hostile-fixtures.ts';

const dir = resolve(process.argv[2] ?? 'test/.work/insights-fixtures');
await mkdir(join(dir, 'hostile'), { recursive: true });
for (const [name, bytes] of Object.entries(await exportFixtures())) await writeFile(join(dir, name), bytes);
for (const [name, bytes] of Object.entries(await hostileFixtures())) await writeFile(join(dir, 'hostile', name), bytes);
process.stdout.write(`wrote the insights fixtures to ${dir}\n`);
