// Runs a cleanup after the test that asked for it, or after the test file when asked outside a
// test (in beforeAll or at the top of a file), so temp folders and child processes never outlive
// the tests that made them, whether the test passed or failed.
import { afterAll, onTestFinished, TestRunner, type RunnerTask } from 'vitest';

/** Whether the test (or, outside a test, any test of the file) failed. */
export type Cleanup = (failed: boolean) => void | Promise<void>;

const fileCleanups: Cleanup[] = [];

// Registered when this module is imported, while the test file is collected (vitest isolates each
// file, so every file gets its own): vitest has no way to add an afterAll hook later, from inside
// beforeAll. Registered first, it runs after the file's own afterAll hooks (they run in reverse).
// `{}`: vitest insists that a hook's first parameter is destructured.
afterAll(async ({}, suite) => {
  const failed = anyFailed(suite);
  for (const cleanup of fileCleanups.splice(0).reverse()) await cleanup(failed);
});

/** Runs `cleanup` when the current test finishes, or when the file's tests are done. */
export function afterThisTest(cleanup: Cleanup): void {
  if (TestRunner.getCurrentTest()) onTestFinished(async (context) => cleanup(context.task.result?.state === 'fail'));
  else fileCleanups.push(cleanup);
}

function anyFailed(task: RunnerTask): boolean {
  return task.result?.state === 'fail' || ('tasks' in task && task.tasks.some(anyFailed));
}
