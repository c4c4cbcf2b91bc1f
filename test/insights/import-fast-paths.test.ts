// The import's fast paths (issue 14, benchmark 19) give what the general ones do: plain
// `2026-03-08 01:30:00` times and the quarter-hour offset cache the instant of the wall-time rule
// every 15 minutes of 2026 in zones with DST, half-hour DST and 45-minute offsets; post keys the
// SHA-1 of the title's first line with its whitespace collapsed.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCount } from '../../src/insights/parse-count.ts';
import { parseExportTime } from '../../src/insights/parse-export-time.ts';
import { postKey } from '../../src/insights/post-key.ts';
import { zoneOffset } from '../../src/insights/zone-offset.ts';

const pad = (n: number) => String(n).padStart(2, '0');

describe('import fast paths', () => {
  it('plain and 年月日 times are the wall-time rule\'s instant every 15 minutes of 2026', () => {
    for (const zone of ['America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Asia/Shanghai']) {
      const offset = zoneOffset(zone);
      for (let naive = Date.UTC(2026, 0, 1); naive < Date.UTC(2027, 0, 1); naive += 900_000) {
        const d = new Date(naive);
        const [y, mo, day, h, mi] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
        // The rule: the offset at the wall time read as UTC, corrected once across a DST change.
        const expected = naive - offset(naive - offset(naive) * 60_000) * 60_000 + 7_000;
        const texts = [`${y}-${pad(mo)}-${pad(day)} ${pad(h)}:${pad(mi)}:07`, `${y}/${pad(mo)}/${pad(day)}T${pad(h)}:${pad(mi)}:07`, `${y}年${mo}月${day}日 ${h}:${pad(mi)}:07`];
        for (const text of texts) if (parseExportTime(text, zone) !== expected) expect([zone, text, parseExportTime(text, zone)]).toEqual([zone, text, expected]);
      }
    }
  });

  it('plain-looking times that are not real still fail, naming the text', () => {
    for (const text of ['2026-02-30 10:00:00', '2026-13-01 10:00', '2026-01-01 24:00:00', '2026-01-01 10:60']) expect(() => parseExportTime(text, 'Asia/Shanghai')).toThrow(text);
    expect(() => parseExportTime('2026-0a-01 10:00', 'Asia/Shanghai')).toThrow('is not a time');
  });

  it('post keys hash the first line with runs of whitespace made one space', () => {
    const head = (title: string) => title.split('\n')[0]!.replace(/\s+/g, ' ').trim().slice(0, 30);
    for (const title of ['紫砂壶开箱｜今晚8点直播间见\n正文', '  two  spaces\tand tab ', 'a\r\nb', 'x'.repeat(40), '', '全角\u3000空格']) {
      expect(postKey(title, 1_800_000_000_000)).toBe(`30000000:${createHash('sha1').update(head(title)).digest('base64url').slice(0, 20)}`);
    }
  });

  it('counts read plain decimals as the general path does, and odd ones still fail', () => {
    expect([parseCount('12.3'), parseCount('007'), parseCount(' 12.30 '), parseCount('1.2万'), parseCount('.5')]).toEqual([12.3, 7, 12.3, 12_000, 0.5]);
    expect(() => parseCount('12.')).toThrow('is not a number');
  });
});
