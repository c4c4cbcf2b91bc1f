// A channel's message budget as pure bookkeeping: how long a send must wait, given what was sent
// and when. Times are passed in; nothing here sleeps.
import { describe, expect, it } from 'vitest';
import { CHANNEL_LIMITS } from '../../src/publish/channel-limits.ts';
import { afterQuietMarks, SendBudget } from '../../src/publish/send-budget.ts';

const T0 = Date.parse('2026-05-01T11:47:10Z');

describe('SendBudget', () => {
  it('lets a WeCom post of 3 messages go while the minute has room, then waits for the oldest to leave it', () => {
    const budget = new SendBudget(CHANNEL_LIMITS.wecom);
    for (let i = 0; i < 6; i++) {
      expect(budget.waitMs(3, T0 + i * 100)).toBe(0);
      budget.record(3, T0 + i * 100);
    }
    // 18 of 20 used: a text-only post (1 message) still fits, a full post (3) does not.
    expect(budget.waitMs(1, T0 + 600)).toBe(0);
    expect(budget.waitMs(2, T0 + 600)).toBe(0);
    // 3 more would make 21: wait until the first post's 3 have been out for a minute (+1 s slack).
    expect(budget.waitMs(3, T0 + 600)).toBe(61_000 - 600);
    budget.record(2, T0 + 600);
    // Now 20 are in the window: even one message waits for the first post to leave it.
    expect(budget.waitMs(1, T0 + 700)).toBe(61_000 - 700);
    // Once it left, 17 are in the window: a full post fits again, and fills it.
    expect(budget.waitMs(3, T0 + 60_999)).toBe(1);
    expect(budget.waitMs(3, T0 + 61_000)).toBe(0);
    budget.record(3, T0 + 61_000);
    // The next needs the second post gone as well.
    expect(budget.waitMs(1, T0 + 61_000)).toBe(100);
  });

  it('honours every window: Feishu takes 5 a second (plus slack) within 100 a minute', () => {
    const budget = new SendBudget(CHANNEL_LIMITS.feishu);
    const at = Date.parse('2026-05-01T11:47:00Z');
    for (let i = 0; i < 5; i++) budget.record(1, at + i);
    expect(budget.waitMs(1, at + 10)).toBe(2000 - 10);
    let now = at + 2000;
    for (let i = 5; i < 100; i++) {
      now += budget.waitMs(1, now);
      budget.record(1, now);
    }
    // 100 within the minute: the 101st waits for the first to be out of the minute window.
    const wait = budget.waitMs(1, now);
    expect(now + wait).toBeGreaterThanOrEqual(at + 61_000);
  });

  it('never waits for a channel without a documented limit, and forgets what left every window', () => {
    const webhook = new SendBudget(CHANNEL_LIMITS.webhook);
    for (let i = 0; i < 1000; i++) webhook.record(1, T0);
    expect(webhook.waitMs(1, T0)).toBe(0);
    const dingtalk = new SendBudget(CHANNEL_LIMITS.dingtalk);
    dingtalk.record(20, T0);
    expect(dingtalk.waitMs(1, T0 + 1000)).toBe(60_000);
    expect(dingtalk.waitMs(1, T0 + 61_000)).toBe(0);
  });

  it('lets a post costing more than a whole window go once the window is empty', () => {
    const budget = new SendBudget({ textLimit: 1, limitUnit: 'chars', rate: [{ messages: 2, seconds: 10 }], source: 'test' });
    expect(budget.waitMs(5, T0)).toBe(0);
    budget.record(5, T0);
    expect(budget.waitMs(5, T0)).toBe(11_000);
  });

  it('does not stretch a wait beyond one window when the clock steps back', () => {
    const budget = new SendBudget(CHANNEL_LIMITS.dingtalk);
    budget.record(20, T0 + 3_600_000);
    expect(budget.waitMs(1, T0)).toBe(61_000);
  });

  it('holds Feishu sends that would leave in the first 20 s after :00 or :30 (UTC), never moving one earlier', () => {
    const marks = CHANNEL_LIMITS.feishu.quietMarks;
    const at = (time: string) => Date.parse(`2026-05-01T${time}Z`);
    expect(afterQuietMarks(at('12:00:00'), marks)).toBe(at('12:00:20'));
    expect(afterQuietMarks(at('12:00:07.5'), marks)).toBe(at('12:00:20'));
    expect(afterQuietMarks(at('12:30:19.999'), marks)).toBe(at('12:30:20'));
    expect(afterQuietMarks(at('12:30:20'), marks)).toBe(at('12:30:20'));
    expect(afterQuietMarks(at('11:59:59'), marks)).toBe(at('11:59:59'));
    expect(afterQuietMarks(at('12:15:00'), marks)).toBe(at('12:15:00'));
    expect(new SendBudget(CHANNEL_LIMITS.feishu).waitMs(1, at('20:00:00'))).toBe(20_000);
    // Other channels have no quiet marks.
    expect(new SendBudget(CHANNEL_LIMITS.dingtalk).waitMs(1, at('20:00:00'))).toBe(0);
  });
});
