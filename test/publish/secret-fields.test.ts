// A setting is secret because its schema says so (secretField), and everything else follows from
// that mark: validation, substitution from the environment, redaction. Shown with a test-only
// kind holding fields no real channel has (as issue 9's OAuth channels will), and checked on
// every registered kind: a setting named like a credential must carry the mark.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineChannelKind } from '../../src/channels/channel-kind.ts';
import { CHANNEL_KINDS } from '../../src/channels/channel-registry.ts';
import { secretField } from '../../src/channels/secret-field.ts';
import { secretFieldsOf } from '../../src/channels/secret-fields-of.ts';
import { secretValuesOf } from '../../src/channels/secret-values-of.ts';
import type { ChannelDefinition } from '../../src/config/config-types.ts';
import { redactSecrets } from '../../src/publish/redact-secrets.ts';
import { resolveChannel } from '../../src/schedule/resolve-channel.ts';
import { CANARY } from './publish-test-helpers.ts';

const oauthKind = defineChannelKind({
  type: 'test-oauth',
  label: 'test OAuth app',
  fields: {
    clientId: z.string(),
    clientSecret: secretField('test client secret'),
    refreshToken: secretField('test refresh token').optional(),
    api: z.string().url().default('https://oauth.example.com'),
  },
  limits: { textLimit: 100, limitUnit: 'chars', source: 'test' },
  example: { clientId: 'app-123', clientSecret: '${TEST_CLIENT_SECRET}', refreshToken: '${TEST_REFRESH_TOKEN}' },
});

describe('a field marked secret', () => {
  it('is found in the schema, through .optional()', () => {
    expect(secretFieldsOf(oauthKind).map((info) => info.field)).toEqual(['clientSecret', 'refreshToken']);
  });

  it('may only be written as a ${VAR} reference; the refusal never quotes it', () => {
    expect(oauthKind.schema.safeParse({ type: 'test-oauth', ...oauthKind.example }).success).toBe(true);
    const parsed = oauthKind.schema.safeParse({ type: 'test-oauth', clientId: 'app-123', clientSecret: CANARY, refreshToken: `x${CANARY}` });
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues).toEqual([
      expect.stringMatching(/^clientSecret: test client secret must not be written in the config \(it is a secret\): it is written literally; write it as an environment variable reference, exactly "\$\{TEST_CLIENT_SECRET\}"/),
      expect.stringMatching(/^refreshToken: test refresh token must not be written in the config/),
    ]);
    expect(issues.join('\n')).not.toContain(CANARY);
  });

  it('is taken from the environment when the channel is used, and redacted wherever it would show', () => {
    const definition = { name: 'app', type: 'test-oauth', ...oauthKind.example } as unknown as ChannelDefinition;
    const env = { TEST_CLIENT_SECRET: `${CANARY}-client`, TEST_REFRESH_TOKEN: `${CANARY}-refresh` };
    const resolved = resolveChannel(definition, env, oauthKind);
    if (!resolved.ok) throw new Error(resolved.problem);
    expect(resolved.config).toMatchObject({ clientSecret: `${CANARY}-client`, refreshToken: `${CANARY}-refresh`, clientId: 'app-123' });
    const secrets = secretValuesOf(oauthKind, resolved.config);
    expect(secrets.sort()).toEqual([`${CANARY}-client`, `${CANARY}-refresh`]);
    const message = `POST /token client_id=app-123&client_secret=${encodeURIComponent(`${CANARY}-client`)}&refresh_token=${CANARY}-refresh`;
    expect(redactSecrets(message, secrets)).toBe('POST /token client_id=app-123&client_secret=***&refresh_token=***');
  });

  it('names the variables that are not set', () => {
    const definition = { name: 'app', type: 'test-oauth', ...oauthKind.example } as unknown as ChannelDefinition;
    const resolved = resolveChannel(definition, { TEST_CLIENT_SECRET: 'x' }, oauthKind);
    expect(resolved).toEqual({ ok: false, problem: 'channel app: environment variable TEST_REFRESH_TOKEN is not set; set it where promo runs' });
  });
});

describe('registered channel kinds', () => {
  it('mark every setting named like a credential as secret', () => {
    for (const kind of CHANNEL_KINDS) {
      const secret = new Set(secretFieldsOf(kind).map((info) => info.field));
      for (const field of Object.keys(kind.schema.shape)) {
        if (/secret|token|password|credential/i.test(field)) expect(secret.has(field), `${kind.type}.${field} is built with secretField`).toBe(true);
      }
    }
  });

  it('each have a distinct type and a label', () => {
    const types = CHANNEL_KINDS.map((kind) => kind.type);
    expect(new Set(types).size).toBe(types.length);
    for (const kind of CHANNEL_KINDS) expect(kind.label.length).toBeGreaterThan(0);
  });
});
