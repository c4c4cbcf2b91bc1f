// Turns changes to the state database into SSE events. Other processes (the daemon, the watcher,
// the CLI) write the state, so the dashboard looks: every `pollMs` it compares the database's and
// its -wal file's size and mtime (a commit changes them), and on a change, or every `refreshMs`
// anyway (a heartbeat goes stale without any write), it opens a fresh read model and runs each
// feed, publishing what a feed returns (undefined: nothing new).
import { statSync } from 'node:fs';
import type { PromoConfig } from '../config/config-types.ts';
import { StateReader } from '../read/state-reader.ts';
import type { DashboardFeed, FeedReader } from './dashboard-types.ts';
import type { EventHub } from './event-hub.ts';

export interface StateWatcherOptions {
  config: PromoConfig;
  feeds: readonly DashboardFeed[];
  hub: EventHub;
  now: () => Date;
  pollMs?: number;
  refreshMs?: number;
  /** Told about a pass that failed (the state unreadable for a moment); the next pass tries again. */
  onError?: (error: unknown) => void;
}

export class StateWatcher {
  private readonly readers: { event: string; read: FeedReader }[];
  private timer?: NodeJS.Timeout;
  private mark = '';
  private lastPass = 0;
  private running = false;
  private stopped = false;

  constructor(private readonly options: StateWatcherOptions) {
    this.readers = options.feeds.map((feed) => ({ event: feed.event, read: feed.start() }));
  }

  /** Runs a first pass, then keeps watching until stop(). */
  async start(): Promise<void> {
    await this.pass();
    this.schedule();
  }

  /** Something outside the state files changed (a Redis queue): the next check reads again. */
  poke(): void {
    this.mark = '';
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.check().finally(() => this.schedule());
    }, this.options.pollMs ?? 200);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    const mark = fileMark(this.options.config.state);
    if (mark === this.mark && Date.now() - this.lastPass < (this.options.refreshMs ?? 5000)) return;
    await this.pass();
  }

  private async pass(): Promise<void> {
    if (this.running) return;
    this.running = true;
    // Taken before reading: a commit during the pass changes it again and is read at the next.
    this.mark = fileMark(this.options.config.state);
    this.lastPass = Date.now();
    try {
      const reader = StateReader.open(this.options.config);
      try {
        const now = this.options.now();
        for (const { event, read } of this.readers) {
          const data = await read(reader, now);
          if (data !== undefined) this.options.hub.publish(event, data);
        }
      } finally {
        await reader.close();
      }
    } catch (error) {
      this.mark = '';
      this.options.onError?.(error);
    } finally {
      this.running = false;
    }
  }
}

function fileMark(file: string): string {
  return [file, `${file}-wal`].map((f) => {
    try {
      const s = statSync(f);
      return `${s.size}:${s.mtimeMs}:${s.ino}`;
    } catch {
      return '-';
    }
  }).join('|');
}
