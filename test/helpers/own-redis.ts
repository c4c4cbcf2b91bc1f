// A redis-server of the test's own, for tests that stop, restart or misconfigure Redis (the shared
// PROMO_TEST_REDIS_URL one must stay up): loopback, a free port, AOF in a temp folder, killed after
// the test. restart() brings it back on the same port and data folder.
import { createServer } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { makeTempDir } from './make-temp-dir.ts';
import { spawnTracked } from './spawn-tracked.ts';
import { waitFor } from './wait-for.ts';

export interface OwnRedis {
  url: string;
  port: number;
  /** Stops it (SIGKILL: as if the machine died; AOF keeps what was synced) and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data folder; resolves once it answers. */
  start(): Promise<void>;
}

/** A free loopback port (closed again at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts a redis-server; `extra` adds arguments (e.g. ['--maxmemory-policy', 'allkeys-lru']). */
export async function startOwnRedis(extra: string[] = []): Promise<OwnRedis> {
  const port = await freePort();
  const dir = makeTempDir('promo-redis-');
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}/0`;
  const own: OwnRedis = {
    url,
    port,
    async kill() {
      const closed = new Promise((resolve) => child!.once('close', resolve));
      child!.kill('SIGKILL');
      await closed;
    },
    async start() {
      child = spawnTracked('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes',
        '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction', ...extra], { stdio: 'ignore', env: realClockEnv() });
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {});
      await waitFor(async () => probe.connect().then(() => true, () => false), `redis-server on port ${port} to answer`);
      probe.disconnect();
    },
  };
  await own.start();
  return own;
}

/**
 * The environment without faketime's: Redis is a service of the machine, on the real clock like
 * the one .ci/run starts before its faked-clock run (redis-server does not start under faketime).
 */
function realClockEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name === 'LD_PRELOAD' || name.startsWith('FAKETIME') || name === 'DONT_FAKE_MONOTONIC') delete env[name];
  return env;
}
