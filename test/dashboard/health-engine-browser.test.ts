// The Health page names the engine renders run: the ffmpeg and ffprobe paths resolveEngine picks
// (the one rule every render, preview and probe goes through) and that ffmpeg's own version, in a
// real browser at a 390 px phone width. PROMO_REQUIRE_SYSTEM_FFMPEG is a test-suite switch (CI
// says Debian's ffmpeg is installed), never read by promo: with it set and no `ffmpeg:` in
// config.yaml promo runs the bundled ffmpeg, and the page must say so by path, not only
// "bundled". Screenshots: test/.work/screenshots/health-engine-{bundled-,}phone.png (look at them).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { dashboardPages } from '../../src/dashboard/dashboard-routes.ts';
import { startDashboard } from '../../src/dashboard/start-dashboard.ts';
import { chromiumMissing, launchChromium } from '../helpers/launch-chromium.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { REPO } from '../helpers/spec-dir.ts';

const SHOTS = join(REPO, 'test', '.work', 'screenshots');
const PHONE = { width: 390, height: 844 };
const SYSTEM = { ffmpeg: '/usr/bin/ffmpeg', ffprobe: '/usr/bin/ffprobe' };
const haveSystem = existsSync(SYSTEM.ffmpeg) && existsSync(SYSTEM.ffprobe);
const require = createRequire(import.meta.url);
const BUNDLED = {
  ffmpeg: (require('@ffmpeg-installer/ffmpeg') as { path: string }).path,
  ffprobe: (require('@ffprobe-installer/ffprobe') as { path: string }).path,
};
const closers: (() => Promise<void>)[] = [];
afterEach(async () => { for (const close of closers.splice(0).reverse()) await close(); });

/** The version `ffmpeg -version` prints for `binary`, as Health should show it. */
function versionOf(binary: string): string {
  return /ffmpeg version (\S+)/.exec(execFileSync(binary, ['-version'], { encoding: 'utf8' }))![1]!;
}

/** The Health page's engine section in Chromium at phone width, for a config.yaml of `lines`. */
async function engineSection(lines: string[], shot?: string) {
  const dir = makeTempDir('promo-health-engine-');
  writeFileSync(join(dir, 'config.yaml'), ['state: .promo/state.db', 'timezone: UTC', ...lines, ''].join('\n'));
  const config = await loadConfig(undefined, { cwd: dir });
  const server = await startDashboard({ config, port: 0, lang: 'en', pollMs: 100, pages: dashboardPages });
  closers.push(() => server.close());
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: PHONE, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
  await page.goto(`${server.url}health`);
  const section = page.locator('#health section', { has: page.locator('h2', { hasText: 'Engine' }) });
  const paths = await section.locator('.engine-paths code').allTextContents();
  expect(paths, 'the page names the ffmpeg and the ffprobe').toHaveLength(2);
  const paragraph = section.locator('.engine-paths');
  const box = (await paragraph.boundingBox())!;
  expect(box.x + box.width, 'the paths wrap inside the phone').toBeLessThanOrEqual(PHONE.width);
  expect(await paragraph.evaluate((p) => p.scrollWidth <= p.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  if (shot) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
  }
  return { paths, text: ((await section.textContent()) ?? '').replace(/\s+/g, ' ') };
}

describe.skipIf(chromiumMissing() !== undefined)(`the Health page's engine in Chromium${chromiumMissing() ? ` (skipped: ${chromiumMissing()})` : ''}`, () => {
  it('names the bundled ffmpeg and ffprobe by path when config.yaml sets none, whatever PROMO_REQUIRE_SYSTEM_FFMPEG says', async () => {
    const { paths, text } = await engineSection([], 'health-engine-bundled-phone.png');
    expect(paths).toEqual([BUNDLED.ffmpeg, BUNDLED.ffprobe]);
    expect(text).toContain(`ffmpeg ${versionOf(BUNDLED.ffmpeg)} (bundled)`);
  }, 120_000);

  it.skipIf(!haveSystem && !process.env.PROMO_REQUIRE_SYSTEM_FFMPEG)('names the configured ffmpeg and ffprobe by path, with that ffmpeg\'s version and features', async () => {
    const { paths, text } = await engineSection([`ffmpeg: ${SYSTEM.ffmpeg}`, `ffprobe: ${SYSTEM.ffprobe}`], 'health-engine-phone.png');
    expect(paths).toEqual([SYSTEM.ffmpeg, SYSTEM.ffprobe]);
    expect(text).toContain(`ffmpeg ${versionOf(SYSTEM.ffmpeg)} (from config.yaml)`);
    expect(text).not.toContain('xfade · missing');
  }, 120_000);
});
