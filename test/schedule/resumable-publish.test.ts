// publishDue with a resumable channel (a small test-only driver standing for a video platform's,
// the scheduler and the state database real): leadSeconds starts its send that long before due
// while other channels keep their time; `again` keeps the post in flight, without an owner,
// across a reopened database (a daemon restart), and the next call gets the checkpointed
// progress; the video's id and URL are stored; a checkpoint holding a token is refused.
import { describe, expect, it } from 'vitest';
import type { Channel, ChannelConfig, OutgoingPost, SendContext, SendResult } from '../../src/publish/channel-types.ts';
import { createChannel } from '../../src/publish/create-channel.ts';
import { SendBudget } from '../../src/publish/send-budget.ts';
import { PostStore } from '../../src/schedule/post-store.ts';
import { publishDue, type PublishDueOptions } from '../../src/schedule/publish-due.ts';
import { resolveChannel } from '../../src/schedule/resolve-channel.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { makeSpecDir } from '../helpers/spec-dir.ts';
import { scheduleSpecDir } from './scheduled-store.ts';

interface Call { progress: Record<string, unknown>; at: string; token?: string }

/** A resumable driver: first call checkpoints an upload and answers `again` in 5 min; the next finishes. */
function platformChannel(config: ChannelConfig, calls: Call[], behaviour: { saveToken?: boolean } = {}): Channel {
  return {
    config, textLimit: 5000, limitUnit: 'bytes', idempotent: false, resumable: true, leadSeconds: 3600,
    budget: new SendBudget({ textLimit: 5000, limitUnit: 'bytes', source: 'test' }),
    messagesFor: () => 1,
    async send(_post: OutgoingPost, context: SendContext): Promise<SendResult> {
      const token = await context.accessToken?.();
      calls.push({ progress: { ...context.progress }, at: context.now().toISOString(), token });
      if (context.progress?.uploaded) return { detail: 'published video v-1', remoteId: 'v-1', url: 'https://videos.example/v-1' };
      await context.checkpoint!({ session: 'https://upload.example/s-1', ...(behaviour.saveToken ? { token } : {}) });
      await context.checkpoint!({ session: 'https://upload.example/s-1', uploaded: true });
      return { detail: 'uploaded, processing', remoteId: 'v-1', again: { at: new Date(context.now().getTime() + 300_000), reason: 'processing' } };
    },
  };
}

async function setup(behaviour: { saveToken?: boolean } = {}) {
  const dir = await makeSpecDir({
    stream: { title: 'Tea night', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai' },
    products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
    outputs: ['shorts'],
    posts: [
      { at: '-3h', video: 'TEA-001', title: '{{product.name}} tonight', text: 'Tea night', channels: ['shorts'] },
      { at: '-3h', text: 'Tea night in 3 hours', channels: ['outbox'] },
    ],
  }, { config: { channels: { shorts: { type: 'youtube', clientId: 'id', clientSecret: '${YT_SECRET}' }, outbox: { type: 'folder', dir: 'outbox' } } } });
  const { config, db, store } = await scheduleSpecDir(dir);
  const calls: Call[] = [];
  const shorts = platformChannel({ type: 'youtube', name: 'shorts', clientId: 'id', clientSecret: 'yt-secret-value' } as ChannelConfig, calls, behaviour);
  const folder = resolveChannel(config.channels.outbox!);
  if (!folder.ok) throw new Error(folder.problem);
  const outbox = createChannel(folder.config);
  const options = (at: string, posts: PostStore): PublishDueOptions => ({
    store: posts, config, owner: 'test', now: new Date(at), realNow: () => new Date(at),
    channel: (name) => (name === 'shorts' ? { ok: true, channel: shorts, secrets: ['yt-secret-value'] } : { ok: true, channel: outbox, secrets: [] }),
    account: (name) => (name === 'shorts' ? { accessToken: async () => 'ya29.test-access-token', accountId: async () => 'UC-1' } : undefined),
  });
  return { dir, db, store, calls, options, byChannel: (posts: PostStore) => Object.fromEntries(posts.list().map((p) => [p.channel, p])) };
}

describe('publishDue with a resumable video-platform channel', () => {
  it('counts a poll\'s wait (`afterSeconds`) from the scheduler\'s clock, a time (`at` alone) as it is', async () => {
    const dir = await makeSpecDir({
      stream: { title: 'Tea night', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai' },
      products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
      outputs: ['shorts'],
      posts: [{ at: '-3h', video: 'TEA-001', title: 'Tea', text: 'Tea night', channels: ['shorts'] }],
    }, { config: { channels: { shorts: { type: 'youtube', clientId: 'id', clientSecret: '${YT_SECRET}' } } } });
    const { config, store } = await scheduleSpecDir(dir);
    const answers: SendResult['again'][] = [];
    const channel: Channel = {
      ...platformChannel({ type: 'youtube', name: 'shorts', clientId: 'id', clientSecret: 'yt-secret-value' } as ChannelConfig, []),
      leadSeconds: 0,
      async send(_post, context) {
        // A poll in 30 s, as drivers say it: `at` by the real clock, and the wait itself.
        const again = answers.length === 0
          ? { at: new Date(context.now().getTime() + 30_000), afterSeconds: 30, reason: 'processing' }
          : { at: new Date('2026-12-01T12:00:00Z'), reason: 'publish at the due time' };
        answers.push(again);
        return { detail: 'in flight', again };
      },
    };
    // The scheduler's clock (--now) is at the due time; the real one a year later.
    const now = new Date('2026-12-01T09:00:00Z');
    const options = (at: Date): PublishDueOptions => ({
      store, config, owner: 'test', now: at, realNow: () => new Date(at.getTime() + 365 * 86_400_000),
      channel: () => ({ ok: true, channel, secrets: [] }), account: () => ({ accessToken: async () => 'token', accountId: async () => 'UC-1' }),
    });
    await publishDue(options(now));
    expect(store.list()[0]).toMatchObject({ state: 'sending', nextAttempt: new Date(now.getTime() + 30_000) });
    // Not called before the wait is over by the scheduler's clock, called once it is.
    await publishDue(options(new Date(now.getTime() + 29_000)));
    expect(answers).toHaveLength(1);
    await publishDue(options(new Date(now.getTime() + 30_000)));
    expect(answers).toHaveLength(2);
    expect(store.list()[0]).toMatchObject({ state: 'sending', nextAttempt: new Date('2026-12-01T12:00:00Z') });
  });

  it('starts the send leadSeconds early, keeps it in flight across a restart, and resumes with its progress', async () => {
    const { dir, db, store, calls, options, byChannel } = await setup();
    // Due 09:00Z. At 07:30 neither goes (the lead is 1 h).
    expect(await publishDue(options('2026-12-01T07:30:00Z', store))).toMatchObject({ sent: 0, continuing: 0 });
    expect(calls).toEqual([]);
    // 08:15: inside the lead: the platform send starts; the chat post keeps its own time.
    expect(await publishDue(options('2026-12-01T08:15:00Z', store))).toMatchObject({ sent: 0, continuing: 1 });
    expect(calls).toEqual([{ progress: {}, at: '2026-12-01T08:15:00.000Z', token: 'ya29.test-access-token' }]);
    let posts = byChannel(store);
    expect(posts.shorts).toMatchObject({ state: 'sending', owner: undefined, againReason: 'processing', remoteId: 'v-1', attempts: 1, progress: { uploaded: true } });
    expect(posts.shorts!.nextAttempt?.toISOString()).toBe('2026-12-01T08:20:00.000Z');
    expect(posts.outbox!.state).toBe('pending');
    db.close();

    // "Restart": a new connection to the same database file.
    const reopened = openStateDb(`${dir.dir}/.promo/state.db`);
    try {
      const again = new PostStore(reopened);
      expect(await publishDue(options('2026-12-01T08:19:00Z', again))).toMatchObject({ sent: 0, continuing: 0 });
      expect(calls).toHaveLength(1);
      expect(await publishDue(options('2026-12-01T08:21:00Z', again))).toMatchObject({ sent: 1 });
      expect(calls[1]!.progress).toEqual({ session: 'https://upload.example/s-1', uploaded: true });
      posts = byChannel(again);
      expect(posts.shorts).toMatchObject({ state: 'sent', remoteId: 'v-1', remoteUrl: 'https://videos.example/v-1', attempts: 1, progress: {}, againReason: undefined, title: '明前龙井 tonight' });
      expect(posts.outbox!.state).toBe('pending');
      expect(await publishDue(options('2026-12-01T09:00:05Z', again))).toMatchObject({ sent: 1 });
      expect(byChannel(again).outbox!.state).toBe('sent');
    } finally {
      reopened.close();
    }
  });

  it('refuses a checkpoint that holds a token: the post fails, the token is not stored', async () => {
    const { db, store, options, byChannel } = await setup({ saveToken: true });
    try {
      expect(await publishDue(options('2026-12-01T08:30:00Z', store))).toMatchObject({ failed: 1 });
      const post = byChannel(store).shorts!;
      expect(post.state).toBe('failed');
      expect(post.detail).toMatch(/refused to save progress holding a token or secret/);
      expect(JSON.stringify(post)).not.toContain('ya29.test-access-token');
    } finally {
      db.close();
    }
  });
});
