// `promo daemon`: node-cron drives a tick that publishes what is due (and, when configured, the
// watched inboxes run alongside). Only one daemon may publish from a state database. At start it
// settles sends a crash interrupted: idempotent channels retry with the same key, others are
// marked `unknown` for a person to confirm.
import cron from 'node-cron';
import type { PromoConfig } from '../config/config-types.ts';
import { createChannel } from '../publish/create-channel.ts';
import type { Channel } from '../publish/channel-types.ts';
import { secretsOf } from '../publish/redact-secrets.ts';
import { isOwnerAlive } from '../util/process-owner.ts';
import { acquireDaemonLock, DAEMON_BEAT_MS } from '../store/daemon-lock.ts';
import { openStateDb } from '../store/open-state-db.ts';
import { PostStore } from './post-store.ts';
import { bestTimesLookup } from '../insights/best-times-lookup.ts';
import { PromoError } from '../util/promo-error.ts';
import { runWatch } from '../watch/run-watch.ts';
import { extendRecurring } from './extend-recurring.ts';
import { seedSendBudget } from './seed-send-budget.ts';
import { CredentialsFile } from '../accounts/credentials-file.ts';
import { createTokenProvider } from '../accounts/create-token-provider.ts';
import { publishDue } from './publish-due.ts';
import type { PostAccount, TickResult } from './publish-due-types.ts';
import { resolveChannel } from './resolve-channel.ts';
import { resolvePlatformChannel } from './resolve-platform-channel.ts';
import { renewRefreshTokens } from './renew-refresh-tokens.ts';

export interface RunDaemonOptions {
  config: PromoConfig;
  signal: AbortSignal;
  log: (line: string) => void;
  /** One tick, then exit. */
  once?: boolean;
  /** The scheduler's clock for a --once tick (signatures and timestamps keep the real clock). */
  now?: Date;
  /** Seconds between ticks (default 10). */
  everySeconds?: number;
  /**
   * Called once the first tick has ended (its refresh-token renewals tried), however it ended: the
   * daemon's start-up account check, so that it reports what the first renewal left, not a token
   * as unrenewed the moment before the renewal says what happened to it.
   */
  afterFirstTick?: () => Promise<void>;
}

/** Runs the daemon until `signal` aborts (or one tick with `once`). */
export async function runDaemon(options: RunDaemonOptions): Promise<TickResult> {
  const { config, log } = options;
  const db = openStateDb(config.state);
  const taken = acquireDaemonLock(db);
  if (!taken.ok) {
    db.close();
    throw new PromoError('DAEMON_BUSY', `another promo daemon (${taken.holder}, since ${taken.since}) is publishing from ${config.state}`, {
      hint: 'stop that one first; two daemons on one state database would send every post twice',
    });
  }
  const { lock } = taken;
  const store = new PostStore(db);
  const channels = new Map<string, ReturnType<typeof makeChannel>>();
  const channelFor = (name: string) => {
    let made = channels.get(name);
    if (!made) {
      made = makeChannel(config, name);
      // What this channel sent lately, also from other promo processes (`--once` runs from cron).
      if (made.ok) seedSendBudget(made.channel, store, name, new Date());
      channels.set(name, made);
    }
    return made;
  };
  // Video platforms: each channel's account from the credentials file beside the state database.
  const credentials = CredentialsFile.forState(config.state);
  const accounts = new Map<string, PostAccount | undefined>();
  const accountFor = (name: string): PostAccount | undefined => {
    if (!accounts.has(name)) accounts.set(name, makeAccount(config, name, credentials));
    return accounts.get(name);
  };
  const total: TickResult = { sent: 0, failed: 0, missed: 0, unknown: 0, retrying: 0, continuing: 0 };
  try {
    recoverInterruptedSends(store, channelFor, options.now ?? new Date(), log);
    let extendedAt = Number.NEGATIVE_INFINITY;
    let renewedAt = Number.NEGATIVE_INFINITY;
    const tick = async (now: Date) => {
      lock.beat();
      // Recurring streams: schedule occurrences that came within the horizon (hourly; every --once).
      if (options.once || now.getTime() - extendedAt >= EXTEND_EVERY_MS) {
        extendedAt = now.getTime();
        // Read afresh each tick: insights imported meanwhile count for the next occurrences' `at: best`.
        await extendRecurring(store, config, now, log, bestTimesLookup(db, config));
      }
      const result = await publishDue({ store, config, channel: channelFor, account: accountFor, now, owner: lock.owner, signal: options.signal, log });
      for (const key of Object.keys(total) as (keyof TickResult)[]) total[key] += result[key];
      // Refresh tokens that only a renewal extends (Douyin) are kept alive between streams too,
      // not only when a post uses the account (hourly by the real clock, as token ends are; every --once).
      if (options.once || Date.now() - renewedAt >= EXTEND_EVERY_MS) {
        renewedAt = Date.now();
        await renewRefreshTokens(config, credentials, log, { signal: options.signal }).catch((error: unknown) => log(`platform accounts: renewing refresh tokens failed: ${(error as Error).message}`));
      }
    };
    const afterFirst = () => options.afterFirstTick?.().catch((error: unknown) => log(`platform accounts: cannot tell: ${(error as Error).message}`));
    if (options.once) {
      try {
        await tick(options.now ?? new Date());
      } finally {
        await afterFirst();
      }
      return total;
    }
    let ticked = false;
    let running: Promise<void> | undefined;
    const every = options.everySeconds ?? 10;
    // The heartbeat has its own timer: a tick busy uploading a large video still shows life.
    const beating = setInterval(() => lock.beat(), DAEMON_BEAT_MS);
    beating.unref();
    const task = cron.schedule(`*/${every} * * * * *`, () => {
      if (running) return; // a slow tick is not stacked on
      const first = !ticked;
      ticked = true;
      running = tick(new Date()).catch((error: unknown) => log(`tick failed: ${(error as Error).message}`))
        .then(() => (first ? afterFirst() : undefined)).finally(() => { running = undefined; });
    }, { name: 'promo-publish' });
    log(`daemon: publishing from ${config.state} every ${every} s${config.watch.length > 0 ? '; watching inboxes too' : ''}`);
    try {
      const watching = config.watch.length > 0 ? runWatch({ config, signal: options.signal, log }) : Promise.resolve();
      await Promise.all([watching, new Promise<void>((resolve) => {
        if (options.signal.aborted) return resolve();
        options.signal.addEventListener('abort', () => resolve(), { once: true });
      })]);
    } finally {
      clearInterval(beating);
      await task.stop();
      await running;
    }
    return total;
  } finally {
    lock.release();
    db.close();
  }
}

function makeChannel(config: PromoConfig, name: string): { ok: true; channel: Channel; secrets: string[] } | { ok: false; problem: string } {
  const definition = config.channels[name];
  if (!definition) return { ok: false, problem: `channel ${name} is no longer in ${config.file ?? 'the configuration'}` };
  const resolved = resolveChannel(definition);
  if (!resolved.ok) return resolved;
  return { ok: true, channel: createChannel(resolved.config), secrets: secretsOf(resolved.config) };
}

/** The account behind a video-platform channel's sends; undefined for chat channels (and unusable ones: makeChannel says why). */
function makeAccount(config: PromoConfig, name: string, credentials: CredentialsFile): PostAccount | undefined {
  const platform = resolvePlatformChannel(config, name);
  if (!platform.ok) return undefined;
  return {
    accessToken: createTokenProvider({ config: platform.config, profile: platform.profile, credentials, definition: config.channels[name] }),
    accountId: async () => (await credentials.get(name))?.accountId,
    used: (outcome) => credentials.update((accounts) => {
      const entry = accounts[name];
      if (entry) entry.lastUse = { at: new Date().toISOString(), ...outcome };
    }),
  };
}

const EXTEND_EVERY_MS = 3_600_000;

/**
 * Posts left `sending` by a dead process: resumable ones (video platforms) are called again with
 * their progress, so the driver asks the service what it has; idempotent ones are resent with the
 * same key; the others are marked `unknown`.
 */
function recoverInterruptedSends(
  store: PostStore,
  channelFor: (name: string) => ReturnType<typeof makeChannel>,
  now: Date,
  log: (line: string) => void,
): void {
  for (const post of store.abandonedSending(isOwnerAlive)) {
    const made = channelFor(post.channel);
    if (made.ok && made.channel.resumable) {
      store.continueLater(post.id, now, 'promo stopped mid-send; resuming from what the service has');
      log(`post #${post.id} → ${post.channel}: interrupted while sending; resuming from its saved progress`);
    } else if (made.ok && made.channel.idempotent) {
      store.retryLater(post.id, now, 'promo stopped while sending; sending again with the same idempotency key');
      log(`post #${post.id} → ${post.channel}: interrupted while sending; resending with the same key`);
    } else {
      store.settle(post.id, 'unknown', `promo stopped while sending to ${post.channel}: it may or may not have arrived; check, then \`promo posts retry ${post.id}\` or \`promo posts cancel ${post.id}\``);
      log(`post #${post.id} → ${post.channel}: interrupted while sending; marked unknown for a person to check`);
    }
  }
}
