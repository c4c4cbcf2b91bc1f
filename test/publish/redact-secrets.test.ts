import { describe, expect, it } from 'vitest';
import { redactSecrets, secretsOf } from '../../src/publish/redact-secrets.ts';

describe('redactSecrets', () => {
  it('replaces every occurrence, raw and URL-encoded', () => {
    const secret = 'ab+c/d=e f';
    const text = `raw ${secret} encoded ${encodeURIComponent(secret)} form ${new URLSearchParams({ k: secret }).toString()} again ${secret}`;
    const redacted = redactSecrets(text, [secret]);
    expect(redacted).toBe('raw *** encoded *** form k=*** again ***');
  });

  it('replaces a longer secret whole when it contains a shorter one', () => {
    expect(redactSecrets('token 123:ABCDEF end', ['ABCDEF', '123:ABCDEF'])).toBe('token *** end');
  });

  it('ignores empty secrets and leaves other text alone', () => {
    expect(redactSecrets('nothing secret here', ['', 'absent'])).toBe('nothing secret here');
  });
});

describe('secretsOf', () => {
  it('takes the key of a WeCom url', () => {
    expect(secretsOf({ type: 'wecom', name: 'w', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa' }))
      .toContain('693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa');
  });

  it('takes the access_token and the secret of DingTalk', () => {
    const secrets = secretsOf({ type: 'dingtalk', name: 'd', url: 'https://oapi.dingtalk.com/robot/send?access_token=tok123', secret: 'SECabc' });
    expect(secrets).toEqual(expect.arrayContaining(['tok123', 'SECabc']));
  });

  it('takes the hook token of Feishu and Discord urls (last path segment) and the Feishu secret', () => {
    expect(secretsOf({ type: 'feishu', name: 'f', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/abc-hook-token', secret: 'fs-secret' }))
      .toEqual(expect.arrayContaining(['abc-hook-token', 'fs-secret']));
    const discord = secretsOf({ type: 'discord', name: 'x', url: 'https://discord.com/api/webhooks/1234/tokenPart_XYZ' });
    expect(discord).toContain('tokenPart_XYZ');
    expect(discord).not.toContain('1234');
  });

  it('takes the Telegram token and its part after the colon', () => {
    expect(secretsOf({ type: 'telegram', name: 't', token: '123456:AAE-secret', chat: '-100', api: 'https://api.telegram.org' }))
      .toEqual(expect.arrayContaining(['123456:AAE-secret', 'AAE-secret']));
  });

  it('takes the webhook secret, and the key inside a whsec_ secret', () => {
    expect(secretsOf({ type: 'webhook', name: 'h', url: 'https://example.com/hook', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }))
      .toEqual(expect.arrayContaining(['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']));
  });

  it('takes token-like query values and user info of any url, not short flags', () => {
    const secrets = secretsOf({ type: 'webhook', name: 'h', url: 'https://user:pa55word@example.com/hook?token=0123456789abcdefXYZ&wait=true', secret: 's' });
    expect(secrets).toEqual(expect.arrayContaining(['0123456789abcdefXYZ', 'user', 'pa55word']));
    expect(secrets).not.toContain('true');
    expect(secretsOf({ type: 'webhook', name: 'z', url: 'https://hooks.zapier.com/hooks/catch/123456/b7x9k2mq4p8r1t5w/', secret: 's' }))
      .toContain('b7x9k2mq4p8r1t5w');
  });

  it('takes a query value under a credential\'s name whatever its length', () => {
    const secrets = secretsOf({ type: 'webhook', name: 'h', url: 'https://partner.example.com/hook?token=abc1&api_key=k9&wait=true', secret: 's' });
    expect(secrets).toEqual(expect.arrayContaining(['abc1', 'k9']));
    expect(secrets).not.toContain('true');
  });

  it('has none for a folder', () => {
    expect(secretsOf({ type: 'folder', name: 'o', dir: '/tmp/outbox' })).toEqual([]);
  });
});
