// Scratch folders go when their test ends, pass or fail; PROMO_KEEP_TEST_DIRS=1 keeps a failed one.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from './make-temp-dir.ts';

const kept = process.env.PROMO_KEEP_TEST_DIRS;
afterAll(() => {
  if (kept === undefined) delete process.env.PROMO_KEEP_TEST_DIRS;
  else process.env.PROMO_KEEP_TEST_DIRS = kept;
});

describe('makeTempDir', () => {
  const made: Record<string, string> = {};

  it('makes a fresh empty folder each time', () => {
    made.passed = makeTempDir();
    const other = makeTempDir();
    expect(other).not.toBe(made.passed);
    expect(existsSync(made.passed)).toBe(true);
    writeFileSync(join(made.passed, 'render.mp4'), 'x');
  });

  it.fails('(a test that fails with its folder full)', () => {
    delete process.env.PROMO_KEEP_TEST_DIRS;
    made.failed = makeTempDir();
    writeFileSync(join(made.failed, 'render.mp4'), 'x');
    expect('this assertion').toBe('failing');
  });

  it.fails('(a failing test run with PROMO_KEEP_TEST_DIRS=1)', () => {
    process.env.PROMO_KEEP_TEST_DIRS = '1';
    made.kept = makeTempDir();
    expect('this assertion').toBe('failing');
  });

  it('removed the folders of the earlier tests, passed or failed, and kept the one asked for', () => {
    expect(existsSync(made.passed!)).toBe(false);
    expect(existsSync(made.failed!)).toBe(false);
    expect(existsSync(made.kept!)).toBe(true);
    rmSync(made.kept!, { recursive: true });
  });
});
