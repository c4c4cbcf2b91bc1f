// The same faults against every HTTP channel's fake service, with a canary secret in every
// credential: how each failure is classified, and that no message ever shows a secret.
import { afterEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../src/publish/create-channel.ts';
import type { ChannelError } from '../../src/publish/channel-types.ts';
import { startFakeServer, type FakeServer, type FakeServerOptions, type FakeServerType } from '../helpers/fake-channel-servers.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { CANARY, channelErrorOf, makeContext, makePost } from './publish-test-helpers.ts';

interface Case {
  type: FakeServerType;
  options: FakeServerOptions;
  /** Config overrides that put the canary where the service has no credential of its own. */
  overrides?: (server: FakeServer) => Record<string, string>;
  /** The wait a 429 answer asks for, as the client should read it. */
  retryAfter: number | undefined;
}

const CASES: Case[] = [
  { type: 'wecom', options: { token: CANARY }, retryAfter: 60 },
  { type: 'feishu', options: { token: `${CANARY}-hook`, secret: `${CANARY}-sign` }, retryAfter: undefined },
  { type: 'dingtalk', options: { token: CANARY, secret: `SEC${CANARY}` }, retryAfter: 600 },
  { type: 'telegram', options: { token: `123456:${CANARY}` }, retryAfter: 7 },
  { type: 'discord', options: { token: `${CANARY}-discord` }, retryAfter: 1.5 },
  { type: 'webhook', options: { secret: CANARY }, overrides: (s) => ({ url: `${s.url}?token=${CANARY}` }), retryAfter: 30 },
];

let server: FakeServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

async function failWith(c: Case, scripted: Parameters<FakeServer['script']>[0], timeoutMs = 2000): Promise<ChannelError> {
  server = await startFakeServer(c.type, c.options);
  server.script(scripted);
  const error = await channelErrorOf(createChannel(server.config(c.overrides?.(server))).send(makePost(), makeContext({ timeoutMs })));
  expect(error.message).not.toContain(CANARY);
  return error;
}

describe.each(CASES)('$type channel faults', (c) => {
  it('sends, and the result carries no secret', async () => {
    server = await startFakeServer(c.type, c.options);
    const result = await createChannel(server.config(c.overrides?.(server))).send(makePost(), makeContext());
    expect(server.deliveries).toHaveLength(1);
    expect(server.deliveries[0]?.text).toBe(makePost().text);
    expect(result.detail).not.toContain(CANARY);
  });

  it('429: retryable, with the wait the service asked for', async () => {
    const error = await failWith(c, ['429']);
    expect(error.options.retryable).toBe(true);
    expect(error.options.auth).toBeFalsy();
    expect(error.options.retryAfter).toBe(c.retryAfter);
  });

  it('500: retryable, not delivered', async () => {
    const error = await failWith(c, ['500']);
    expect(error.options).toEqual({ retryable: true });
  });

  it('no answer: times out, retryable, maybe delivered', async () => {
    const error = await failWith(c, ['hang'], 250);
    expect(error.options).toMatchObject({ retryable: true, maybeDelivered: true });
    expect(error.message).toMatch(/no answer within 0\.3 s/);
    // The service did process it: exactly the case where a retry would post twice.
    expect(server?.deliveries.map((d) => d.answered)).toEqual([false]);
    // The service never answers, so only promo giving up can close the connection.
    const hung = server!;
    await waitFor(() => hung.openConnections() === 0, `promo to close its unanswered connection to the ${c.type} service`, 10_000);
  });

  it('connection dropped after sending: retryable, maybe delivered', async () => {
    const error = await failWith(c, ['drop']);
    expect(error.options).toMatchObject({ retryable: true, maybeDelivered: true });
  });

  it('credentials refused: auth, not retryable', async () => {
    const error = await failWith(c, ['auth']);
    expect(error.options).toMatchObject({ retryable: false, auth: true });
  });

  it('an error page quoting the request URL is shown redacted', async () => {
    const error = await failWith(c, ['echo']);
    expect(error.message).toMatch(/Cannot POST \//);
    expect(error.options.retryable).toBe(false);
  });

  it('connection refused: retryable, not delivered, no secret', async () => {
    server = await startFakeServer(c.type, c.options);
    const config = server.config(c.overrides?.(server));
    await server.close();
    server = undefined;
    const error = await channelErrorOf(createChannel(config).send(makePost(), makeContext()));
    expect(error.options.retryable).toBe(true);
    expect(error.options.maybeDelivered).toBeFalsy();
    expect(error.message).not.toContain(CANARY);
  });
});
