// The Health page's line for an account whose service refused the app's client key (clientRefused),
// in a real browser at a 390 px phone width: the fact is made the real way (a Douyin access-token
// refresh with a wrong client key against the loopback Douyin OAuth fake), the page shows
// describeClientRefused's line (the one wording of promo status, promo accounts and the log) in
// the account's chip, wrapped inside the screen, never the refused key, a token or the secret.
// Screenshot: test/.work/screenshots/health-client-refused-phone.png (look at it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenProvider } from '../../src/accounts/create-token-provider.ts';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { describeClientRefused } from '../../src/accounts/describe-client-refused.ts';
import { douyinKind } from '../../src/channels/douyin-kind.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { dashboardPages } from '../../src/dashboard/dashboard-routes.ts';
import { startDashboard, type DashboardServer } from '../../src/dashboard/start-dashboard.ts';
import type { ChannelConfig } from '../../src/publish/channel-types.ts';
import { startFakeDouyinOAuth } from '../helpers/fake-douyin-oauth.ts';
import { chromiumMissing, launchChromium } from '../helpers/launch-chromium.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { REPO } from '../helpers/spec-dir.ts';

const SHOTS = join(REPO, 'test', '.work', 'screenshots');
const PHONE = { width: 390, height: 844 };
const KEY = 'awx1234567890abcd';
const WRONG = 'awx0000000000wrong';
const SECRET = 'dy-health-secret-canary-5';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => { for (const close of closers.splice(0).reverse()) await close(); });

describe.skipIf(chromiumMissing() !== undefined)(`the Health page's client-refused line in Chromium${chromiumMissing() ? ` (skipped: ${chromiumMissing()})` : ''}`, () => {
  it('shows what to fix in config.yaml on a phone, wrapped on screen, with no key, token or secret', async () => {
    const oauth = await startFakeDouyinOAuth({ clientId: KEY, clientSecret: SECRET, accountId: 'open-1' });
    closers.push(oauth.close);
    const dir = makeTempDir('promo-health-refused-');
    writeFileSync(join(dir, 'config.yaml'), [
      'state: .promo/state.db', 'timezone: UTC', 'channels:',
      `  dy: { type: douyin, clientKey: ${WRONG}, clientSecret: "\${DY_SECRET}", api: "${oauth.url}" }`, '',
    ].join('\n'));
    const config = await loadConfig(undefined, { cwd: dir });
    const granted = oauth.grant();
    const credentials = CredentialsFile.forState(config.state, {});
    await credentials.update((accounts) => {
      accounts.dy = {
        kind: 'douyin', accountId: 'open-1', accountName: '茶叶小店', scopes: [...douyinKind.oauth!.scopes],
        // Ended in promo's view, so a send refreshes it; the refresh token has weeks left (no renewal due).
        tokens: { accessToken: granted.accessToken, refreshToken: granted.refreshToken!, expiresAt: new Date(Date.now() - 60_000).toISOString(), refreshExpiresAt: new Date(Date.now() + 20 * 86_400_000).toISOString() },
      };
    });
    const channel: ChannelConfig = { name: 'dy', type: 'douyin', clientKey: WRONG, clientSecret: SECRET, api: oauth.url };
    const provider = createTokenProvider({ config: channel, profile: douyinKind.oauth!, credentials });
    await expect(provider(undefined, { now: () => new Date(), signal: new AbortController().signal, timeoutMs: 10_000 })).rejects.toThrow(/client key/);
    const refused = (await credentials.get('dy'))!.clientRefused!;
    const line = describeClientRefused({ channel: 'dy', refused, definition: config.channels.dy as unknown as Record<string, unknown>, configFile: 'config.yaml' });
    expect(line).toMatch(/\(10003: .*\): the service refused the app's client key; fix `clientKey` of channel dy in config\.yaml$/);

    const server: DashboardServer = await startDashboard({ config, port: 0, lang: 'en', pollMs: 100, pages: dashboardPages });
    closers.push(() => server.close());
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: PHONE, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await page.goto(`${server.url}health`);
    await page.waitForSelector('html[data-live="connected"]');

    const chip = page.locator('#health li.chip', { hasText: 'client key' });
    expect(await chip.count()).toBe(1);
    expect(await chip.getAttribute('class')).toContain('chip-failed');
    expect(await chip.locator('.chip-label').textContent()).toBe('dy');
    const shown = chip.locator('p.chip-todo', { hasText: 'client key' });
    expect((await shown.textContent())?.trim()).toBe(line);
    // Wrapped inside the phone's width: not cut off, no sideways scrolling.
    const box = (await shown.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.height).toBeGreaterThan(20);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await shown.evaluate((p) => p.scrollWidth <= p.clientWidth)).toBe(true);
    await shown.scrollIntoViewIfNeeded();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'health-client-refused-phone.png'), fullPage: true });

    const text = (await page.locator('body').textContent()) ?? '';
    for (const secret of [WRONG, SECRET, granted.accessToken, granted.refreshToken!]) expect(text).not.toContain(secret);
    expect(await page.content()).not.toContain(WRONG);
    expect(errors).toEqual([]);
  }, 120_000);
});
