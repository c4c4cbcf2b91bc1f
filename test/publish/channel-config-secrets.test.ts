// Channel settings in real config files, through the config loader: secrets only as ${ENV}
// references (a whole value, or the credential-bearing parts of a webhook URL), every literal one
// reported at once with file:line:col, the setting, and what to write instead, never the value.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { createChannel } from '../../src/publish/create-channel.ts';
import { resolveChannel } from '../../src/schedule/resolve-channel.ts';
import { PromoError } from '../../src/util/promo-error.ts';
import { startFakeServer, type FakeServer } from '../helpers/fake-channel-servers.ts';
import { makeTempFolder, yamlLines, type TempFolder } from '../promo-spec/temp-folder.ts';
import { makeContext, makePost } from './publish-test-helpers.ts';

let temp: TempFolder;
let server: FakeServer | undefined;
beforeEach(async () => { temp = await makeTempFolder('promo-channel-config-'); });
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function configError(run: Promise<unknown>): Promise<PromoError> {
  const outcome = await run.then(() => undefined, (error: unknown) => error);
  if (!(outcome instanceof PromoError)) throw new Error(`expected a PromoError, got ${String(outcome)}`);
  return outcome;
}

const LITERALS = ['LITERALKEY', 'PARTNERSEKRET', 'DISCORDSEKRET', 'FEISHUSEKRET', 'SECDINGSEKRET', '123:', 'PASSSEKRET', 'prefix-'];

describe('secrets in channel settings', () => {
  it('refuses every literal credential at once, naming file:line:col, the setting and the part, never the value', async () => {
    await temp.write('config.yaml', yamlLines(
      'channels:',
      '  fans: { type: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=LITERALKEY&x=${X}" }',
      '  partner: { type: webhook, url: "https://partner.example.com/hooks/promo?token=PARTNERSEKRET", secret: "${PARTNER_SECRET}" }',
      '  discord: { type: discord, url: "https://discord.com/api/webhooks/112233/DISCORDSEKRET" }',
      '  ops: { type: feishu, url: "https://open.feishu.cn/open-apis/bot/v2/hook/FEISHUSEKRET", secret: "${FEISHU_SECRET}" }',
      '  ding: { type: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=${DING_TOKEN}", secret: "SECDINGSEKRET" }',
      '  tg: { type: telegram, token: "123:${TG_SECRET_PART}", chat: "@shop" }',
      '  hook: { type: webhook, url: "https://promo:PASSSEKRET@partner.example.com/h", secret: "${HOOK_SECRET}" }',
      '  odd: { type: wecom, url: "prefix-${WECOM}" }',
    ));
    const { message } = await configError(loadConfig(undefined, { cwd: temp.dir }));
    expect(message).toMatch(/^the config has 8 problems:/);
    const lines = message.split('\n').slice(1);
    expect(lines[0]).toMatch(/^ {2}config\.yaml:2:\d+ channels\.fans\.url: WeCom webhook url must not be written in the config \(it is a secret\): the value of `key` in its query is written literally; write it as an environment variable reference, exactly "\$\{WECOM_WEBHOOK_URL\}" \(the whole address in the variable\), or keep the address and make only its secret parts references, as in "https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?key=\$\{WECOM_KEY\}", set the variable where promo runs, and remove the value from this file$/);
    expect(lines[1]).toMatch(/config\.yaml:3:\d+ channels\.partner\.url: webhook url must not be written .*: the value of `token` in its query is written literally; .*"https:\/\/partner\.example\.com\/hooks\/promo\?token=\$\{PARTNER_TOKEN\}"/);
    expect(lines[2]).toMatch(/config\.yaml:4:\d+ channels\.discord\.url: Discord webhook url must not be written .*: the token at the end of its path is written literally; .*"\$\{DISCORD_WEBHOOK_URL\}".*\/api\/webhooks\/123456789012345678\/\$\{DISCORD_WEBHOOK_TOKEN\}"/);
    expect(lines[3]).toMatch(/config\.yaml:5:\d+ channels\.ops\.url: Feishu webhook url must not be written .*: the token at the end of its path is written literally/);
    expect(lines[4]).toMatch(/config\.yaml:6:\d+ channels\.ding\.secret: DingTalk secret must not be written in the config \(it is a secret\): it is written literally; write it as an environment variable reference, exactly "\$\{DINGTALK_SECRET\}", set the variable/);
    expect(lines[5]).toMatch(/config\.yaml:7:\d+ channels\.tg\.token: Telegram bot token must not be written .*: it is not one `\$\{VAR\}` reference alone; .*exactly "\$\{TELEGRAM_BOT_TOKEN\}"/);
    expect(lines[6]).toMatch(/config\.yaml:8:\d+ channels\.hook\.url: webhook url must not be written .*: the password in it is written literally/);
    expect(lines[7]).toMatch(/config\.yaml:9:\d+ channels\.odd\.url: WeCom webhook url must not be written .*: it is neither a `\$\{VAR\}` reference nor a URL/);
    for (const literal of LITERALS) expect(message).not.toContain(literal);
  });

  it('names neither a query value, a bare query name that may be the token, nor a token in a path', async () => {
    await temp.write('config.yaml', yamlLines(
      'channels:',
      '  partner: { type: webhook, url: "https://partner.example.com/h?NAMEISTHETOKEN", secret: "${S}" }',
      '  ding: { type: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=TOKSEKRET&x=${X}&sign=SIGSEKRET" }',
      '  zap: { type: webhook, url: "https://hooks.zapier.com/hooks/catch/123456/b7x9k2mq4p8r1t5w/", secret: "${S}" }',
    ));
    const { message } = await configError(loadConfig(undefined, { cwd: temp.dir }));
    expect(message).toMatch(/config\.yaml:2:\d+ channels\.partner\.url: webhook url must not be written .*: a part of its query is written literally/);
    expect(message).toMatch(/config\.yaml:3:\d+ channels\.ding\.url: DingTalk webhook url must not be written .*: the value of `access_token` in its query and the value of `sign` in its query are written literally; .*access_token=\$\{DINGTALK_ACCESS_TOKEN\}/);
    expect(message).toMatch(/config\.yaml:4:\d+ channels\.zap\.url: webhook url must not be written .*: a token-like part of its path is written literally/);
    for (const secret of ['NAMEISTHETOKEN', 'TOKSEKRET', 'SIGSEKRET', 'b7x9k2mq4p8r1t5w']) expect(message).not.toContain(secret);
  });

  it('accepts a whole ${VAR}, and URLs whose credentials are ${VAR} references', async () => {
    await temp.write('config.yaml', yamlLines(
      'channels:',
      '  fans: { type: wecom, url: "${WECOM_FANS_WEBHOOK}" }',
      '  shop: { type: wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_SHOP_KEY}", format: markdown }',
      '  ops: { type: feishu, url: "https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_HOOK_TOKEN}", secret: "${FEISHU_SECRET}" }',
      '  ding: { type: dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=${DING_TOKEN}", secret: "${DING_SECRET}" }',
      '  discord: { type: discord, url: "https://discord.com/api/webhooks/112233/${DISCORD_TOKEN}" }',
      '  partner: { type: webhook, url: "https://partner.example.com/hooks/promo-2026/112233445566778899", secret: "${PARTNER_SECRET}" }',
      '  tokened: { type: webhook, url: "https://partner.example.com/hooks/promo?token=${PARTNER_TOKEN}", secret: "${PARTNER_SECRET}" }',
      '  tg: { type: telegram, token: "${TG_TOKEN}", chat: "@shop" }',
    ));
    const config = await loadConfig(undefined, { cwd: temp.dir });
    expect(Object.keys(config.channels)).toEqual(['fans', 'shop', 'ops', 'ding', 'discord', 'partner', 'tokened', 'tg']);
    expect(config.channels.fans).toMatchObject({ type: 'wecom', format: 'text' });
    expect(config.channels.shop).toMatchObject({ type: 'wecom', format: 'markdown', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_SHOP_KEY}' });
  });

  it('refuses an unknown `format`, with its place', async () => {
    await temp.write('config.yaml', yamlLines('channels:', '  fans: { type: wecom, url: "${W}", format: html }'));
    const { message } = await configError(loadConfig(undefined, { cwd: temp.dir }));
    expect(message).toMatch(/config\.yaml:2:\d+ channels\.fans\.format: expected one of text, markdown, received "html"/);
  });

  it('sends through a URL whose key came from the environment', async () => {
    server = await startFakeServer('wecom', { token: 'key-from-env-42' });
    const base = server.url.replace(/\?.*$/, '');
    await temp.write('config.yaml', yamlLines('channels:', `  fans: { type: wecom, url: "${base}?key=\${WECOM_FANS_KEY}" }`));
    const config = await loadConfig(undefined, { cwd: temp.dir });
    const resolved = resolveChannel(config.channels.fans!, { WECOM_FANS_KEY: 'key-from-env-42' });
    if (!resolved.ok) throw new Error(resolved.problem);
    const result = await createChannel(resolved.config).send(makePost({ text: 'hello' }), makeContext());
    expect(server.rejections).toEqual([]);
    expect(server.deliveries.map((d) => d.text)).toEqual(['hello']);
    expect(result.detail).toBe('posted text');
  });
});
