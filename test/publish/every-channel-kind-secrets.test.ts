// Every registered channel kind, end to end: its example settings in a real config.yaml with every
// secret field a ${VAR} whose value is a canary, posts published through the real channels to a
// loopback server that echoes each request back in a 500 page (as a proxy's error page quotes
// what it got), a real state database and outbox. No canary may show in any log line, stored
// detail, database file or outbox file. A new kind is covered by registering it.
import { readFile, readdir } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_KINDS } from '../../src/channels/channel-registry.ts';
import { secretFieldsOf } from '../../src/channels/secret-fields-of.ts';
import type { ChannelConfig } from '../../src/publish/channel-types.ts';
import { createChannel } from '../../src/publish/create-channel.ts';
import { secretsOf } from '../../src/publish/redact-secrets.ts';
import { publishDue } from '../../src/schedule/publish-due.ts';
import { resolveChannel } from '../../src/schedule/resolve-channel.ts';
import type { StateDb } from '../../src/store/open-state-db.ts';
import { makeSpecDir } from '../helpers/spec-dir.ts';
import { scheduleSpecDir } from '../schedule/scheduled-store.ts';

const ENV_REFS = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

interface EchoServer {
  origin: string;
  /** Every request as received: request line, headers, body. */
  seen: string[];
  close(): Promise<void>;
}

// Answers every request with HTTP 500 and a page quoting it: request line first, then the
// headers and body, so the first 200 characters a channel quotes hold its credentials.
async function startEchoServer(): Promise<EchoServer> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = `Cannot ${req.method ?? 'GET'} ${req.url ?? '/'} ${JSON.stringify(req.headers)} ${Buffer.concat(chunks).toString('utf8')}`;
      seen.push(request);
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<html><body><pre>${request}</pre></body></html>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// Every http(s) setting (webhook URLs, API bases) goes to the echo server, path and query kept.
function toEchoServer(config: ChannelConfig, origin: string): ChannelConfig {
  const moved: Record<string, unknown> = { ...config };
  for (const [field, value] of Object.entries(moved)) {
    if (typeof value !== 'string' || !/^https?:\/\//.test(value)) continue;
    const url = new URL(value);
    moved[field] = `${origin}${url.pathname}${url.search}`;
  }
  return moved as ChannelConfig;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

const opened: StateDb[] = [];
const servers: EchoServer[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('secrets of every registered channel kind', () => {
  it("each kind's example references an environment variable in every secret field", () => {
    for (const kind of CHANNEL_KINDS) {
      for (const { field } of secretFieldsOf(kind)) {
        expect(kind.example[field], `${kind.type}.${field} in its example`).toMatch(ENV_REFS);
      }
    }
  });

  it('never show in logs, stored details, the state database or the outbox', async () => {
    const env: Record<string, string> = {};
    const channels: Record<string, object> = {};
    for (const kind of CHANNEL_KINDS) {
      channels[kind.type] = { type: kind.type, ...kind.example };
      for (const value of Object.values(kind.example)) {
        // Short, so that only a field's own rule (not the generic "16+ characters look like a
        // token" one) can find it.
        for (const [, name] of value.matchAll(ENV_REFS)) env[name!] ??= `Sk${Object.keys(env).length}Qz`;
      }
    }
    const dir = await makeSpecDir({
      stream: { title: 'tea', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai' },
      products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 1 }] }],
      // Video platforms take a post only with its video (planning refuses one without).
      posts: [
        { at: '-1h', text: '一小时后开播', channels: CHANNEL_KINDS.filter((kind) => !kind.oauth).map((kind) => kind.type) },
        { at: '-1h', video: 'TEA-001', text: '一小时后开播', channels: CHANNEL_KINDS.filter((kind) => kind.oauth).map((kind) => kind.type) },
      ],
    }, { config: { channels } });
    const { config, db, store } = await scheduleSpecDir(dir);
    opened.push(db);
    const echo = await startEchoServer();
    servers.push(echo);

    const resolved = new Map<string, ChannelConfig>();
    const channelFor = (name: string) => {
      const result = resolveChannel(config.channels[name]!, env);
      if (!result.ok) return result;
      const moved = toEchoServer(result.config, echo.origin);
      resolved.set(name, moved);
      return { ok: true as const, channel: createChannel(moved), secrets: secretsOf(moved) };
    };
    const log: string[] = [];
    await publishDue({
      store, config, channel: channelFor, owner: 'test', log: (line) => log.push(line),
      now: new Date('2026-12-01T11:00:10Z'),
      // Away from :00 and :30, where Feishu sends are held.
      realNow: () => new Date('2026-12-01T11:10:10Z'),
    });

    // Every kind was used, every variable went into a resolved setting, and each one's value is
    // among the secrets its channel redacts.
    expect([...resolved.keys()].sort()).toEqual(CHANNEL_KINDS.map((kind) => kind.type).sort());
    for (const [name, value] of Object.entries(env)) {
      const owner = [...resolved.values()].find((channel) => Object.values(channel).some((field) => typeof field === 'string' && field.includes(value)));
      expect(owner, `${name} in a resolved setting`).toBeDefined();
      expect(secretsOf(owner!), `${name} among the secrets of ${owner!.name}`).toContain(value);
    }
    const canaries = Object.values(env);
    const leaked = (text: string) => canaries.filter((canary) => text.includes(canary));
    // The services were sent credentials and quoted them back; promo said what failed, without them.
    expect(leaked(echo.seen.join('\n')).length).toBeGreaterThan(0);
    const posts = store.list();
    // Both kinds of outcome are checked below: the folder post sent, the HTTP ones failed.
    expect(posts.some((post) => post.channel === 'folder') && posts.some((post) => post.channel !== 'folder')).toBe(true);
    for (const post of posts) {
      if (post.channel === 'folder') {
        expect(post.state).toBe('sent');
      } else if (CHANNEL_KINDS.find((kind) => kind.type === post.channel)?.oauth) {
        // Video platforms post only through a connected account (none here): refused before any
        // request; the leak checks below still cover what they said.
        expect(post.state, post.channel).not.toBe('sent');
      } else {
        expect(post.detail, post.channel).toMatch(/HTTP 500/);
        expect(post.detail, post.channel).toContain('***');
      }
    }
    expect(log.length).toBeGreaterThanOrEqual(posts.length);
    expect(leaked(log.join('\n'))).toEqual([]);
    expect(leaked(JSON.stringify(posts))).toEqual([]);
    const files = [...await filesUnder(join(dir.dir, '.promo')), ...await filesUnder(join(dir.out, 'outbox'))];
    expect(files.some((file) => file.endsWith('post.json'))).toBe(true);
    for (const file of files) expect(leaked((await readFile(file)).toString('latin1')), file).toEqual([]);
  });
});
