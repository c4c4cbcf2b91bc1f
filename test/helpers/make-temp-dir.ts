// The one way tests get a scratch folder: fresh per call, removed when the test that made it
// finishes (or, made in beforeAll, when the file's tests are done). PROMO_KEEP_TEST_DIRS=1 keeps
// the folders of failed tests and prints where they are.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterThisTest } from './test-cleanup.ts';

/** A new empty folder under the system temp folder, removed after the current test. */
export function makeTempDir(prefix = 'promo-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterThisTest((failed) => {
    if (failed && process.env.PROMO_KEEP_TEST_DIRS === '1') {
      process.stderr.write(`kept the failed test's folder ${dir}\n`);
      return;
    }
    // Retries: a killed child may still be closing files in it for a moment.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  });
  return dir;
}
