// The Insights page words each account's best-times note from the structured reason, in the
// page's language: the Chinese page has no English note, the English one reads as the CLI's.
import { describe, expect, it } from 'vitest';
import { insightsMessages } from '../../src/dashboard/insights-messages.ts';
import { describeBestTimes } from '../../src/dashboard/describe-best-times.ts';
import { makeTranslator } from '../../src/dashboard/make-translator.ts';
import { slotLabel } from '../../src/dashboard/slot-label.ts';
import { rankBestTimes } from '../../src/insights/rank-best-times.ts';
import type { AccountBestTimes } from '../../src/insights/read-best-times.ts';
import { syntheticHistory } from '../helpers/synthetic-history.ts';

const zh = makeTranslator('zh', insightsMessages);
const en = makeTranslator('en', insightsMessages);
const account = (posts: number, activity?: number[]): AccountBestTimes => ({
  platform: 'kuaishou', account: 'shop', zone: 'UTC', metric: 'views', requested: 'views',
  ...rankBestTimes(syntheticHistory({ posts, zone: 'UTC', hours: (_, r) => Math.floor(r() * 24), seed: 13 }), 'UTC', activity),
});

describe('describeBestTimes', () => {
  it('says how many more posts are needed, in Chinese on the zh page and as the CLI says it on the en page', () => {
    const few = account(12);
    expect(describeBestTimes(few, zh)).toBe('有发布时间的作品 12 条：至少要 20 条才能按小时排名（还差 8 条）');
    expect(describeBestTimes(few, en)).toBe(few.note);
    const withFollowers = account(12, Array.from({ length: 24 }, (_, h) => (h === 21 ? 500 : 100)));
    expect(describeBestTimes(withFollowers, zh)).toBe('有发布时间的作品 12 条：至少要 20 条才能按小时排名（还差 8 条）；在此之前，先看粉丝最活跃的时段。相对基准：活跃粉丝数与平均每小时之比。');
  });

  it('says what lift is measured by, and what was ranked instead of a missing metric', () => {
    const ranked = account(200);
    expect(ranked.reason.kind).toBe('ranked');
    expect(describeBestTimes(ranked, zh)).toMatch(/^共 200 条作品；没有时段明显好于或差于账号基准。相对基准：播放量与账号平时水平之比（1\.00× 即与平时相同），按一天中的小时。$/);
    expect(describeBestTimes({ ...ranked, requested: 'shares' }, zh)).toMatch(/^带分享量的作品太少，改按播放量排名。共 200 条作品/);
    expect(describeBestTimes({ ...ranked, requested: 'shares' }, en)).toMatch(/^Too few posts carry shares; ranked by views instead\. 200 posts; no slot/);
  });

  it('names weekdays in the page\'s language', () => {
    expect(slotLabel({ weekday: 6, hour: 20 }, 'hour-of-week', zh)).toBe('周六 20:00');
    expect(slotLabel({ weekday: 6, hour: 20 }, 'hour-of-week', en)).toBe('Sat 20:00');
    expect(slotLabel({ weekday: null, hour: 18 }, '3-hour-block', zh)).toBe('18:00–21:00');
  });
});
