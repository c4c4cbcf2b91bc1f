// Test helper: a project whose stream has posts on an outbox folder and on a webhook (a loopback
// fake that checks Standard Webhooks signatures), scheduled by the real `promo schedule`. The
// webhook's URL carries a token and it has a signing secret, both given to promo through the
// environment as config.yaml asks: neither may ever reach a dashboard page or event.
import { expect } from 'vitest';
import type { PromoConfig } from '../../src/config/config-types.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { startFakeServer, type FakeServer } from '../helpers/fake-channel-servers.ts';
import { makeSpecDir, runCli, type CliResult, type SpecDir } from '../helpers/spec-dir.ts';
import { onTestFinished } from 'vitest';

export const HOOK_TOKEN = 'tok_CANARY_8f3a91c2d7';
export const HOOK_SECRET = 'whsec_Q0FOQVJZLXNpZ25pbmcta2V5LTk5'; // base64 of CANARY-signing-key-99
/** User text that would run or break out of an attribute if it were not escaped. */
export const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> " onmouseover="alert(2)';

export interface DashboardProject extends SpecDir {
  config: string;
  promoConfig: PromoConfig;
  hook: FakeServer;
  env: NodeJS.ProcessEnv;
  promo(...args: string[]): Promise<CliResult>;
}

/** The project, with its stream starting at `start` (Asia/Shanghai wall time), scheduled as of `scheduleNow` (ISO). */
export async function makeDashboardProject(options: { start: string; scheduleNow?: string; title?: string; posts?: { at: string; text: string; channels: string[] }[] }): Promise<DashboardProject> {
  const hook = await startFakeServer('webhook', { secret: HOOK_SECRET });
  onTestFinished(() => hook.close());
  const dir = await makeSpecDir({
    stream: { title: options.title ?? `好茶专场 ${HOSTILE}`, start: options.start, timezone: 'Asia/Shanghai', url: 'https://live.example.com/room/8848' },
    products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
    posts: options.posts ?? [
      { at: '-24h', text: `明晚开播 ${HOSTILE}`, channels: ['outbox', 'hook'] },
      { at: '-3h', text: '{{countdown}}开播，{{stream.title}}', channels: ['hook'] },
    ],
  }, {
    config: {
      channels: { outbox: { type: 'folder', dir: 'out/outbox' }, hook: { type: 'webhook', url: '${HOOK_URL}', secret: '${HOOK_SECRET}' } },
      posts: { grace: '15m' },
    },
  });
  const env = { HOOK_URL: `${hook.url}?token=${HOOK_TOKEN}`, HOOK_SECRET };
  const promo = (...args: string[]) => runCli([...args, '--config', dir.config], { cwd: dir.dir, env });
  const scheduled = await promo('schedule', 'spec.yaml', ...(options.scheduleNow ? ['--now', options.scheduleNow] : []));
  expect(scheduled.code, scheduled.stderr).toBe(0);
  return { ...dir, promoConfig: await loadConfig(dir.config, { cwd: dir.dir }), hook, env, promo };
}

/** Whether `text` holds anything secret of the project: the webhook token, its secret or its address. */
export function leaksSecret(text: string, project: DashboardProject): string | undefined {
  const key = Buffer.from(HOOK_SECRET.slice('whsec_'.length), 'base64').toString('utf8');
  const secrets = [HOOK_TOKEN, HOOK_SECRET, HOOK_SECRET.slice('whsec_'.length), key, new URL(project.hook.url).host];
  return secrets.find((secret) => text.includes(secret));
}
