import { defineConfig } from 'vitest/config';

// Tests whose results must not depend on the machine's time zone run again under three zones.
const TIME_ZONE_SENSITIVE = ['test/promo-spec/**/*.test.ts', 'test/schedule/plan-posts.test.ts', 'test/schedule/machine-time-zone.test.ts', 'test/graphics/format-stream-time.test.ts'];

export default defineConfig({
  test: {
    // Real ffmpeg renders on a shared 2-core machine: generous per-test limits, no timing asserts.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'all', include: ['test/**/*.test.ts'] } },
      ...['UTC', 'Asia/Shanghai', 'America/New_York'].map((zone) => ({
        extends: true as const,
        test: { name: `TZ=${zone}`, include: TIME_ZONE_SENSITIVE, env: { TZ: zone } },
      })),
    ],
  },
});
