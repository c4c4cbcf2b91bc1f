import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parsePlainCsv } from '../../src/insights/parse-plain-csv.ts';

const csvParse = (text: string, delimiter: string, max: number) => {
  try {
    return parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: max }) as string[][];
  } catch {
    return 'error';
  }
};

describe('parsePlainCsv', () => {
  it('reads what csv-parse reads, in 20 000 seeded random texts, or leaves the text to it', () => {
    const parts = ['a', '', ',', ',', ';', '\n', '\r\n', '\r', '"', '""', '"x,y"', '"l\nm"', '"q""q"', '紫砂', ' ', '\t'];
    let seed = 14;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    let read = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let j = Math.floor(random() * 12); j > 0; j--) text += parts[Math.floor(random() * parts.length)];
      const delimiter = random() < 0.8 ? ',' : ';';
      const got = parsePlainCsv(text, delimiter, 30);
      if (got === undefined) continue;
      read++;
      expect(got, JSON.stringify(text)).toEqual(csvParse(text, delimiter, 30));
    }
    // Most well-formed texts take the fast path (the rest are csv-parse's to judge).
    expect(read).toBeGreaterThan(4000);
  });

  it('reads quoted fields with line breaks, doubled quotes and Chinese text', () => {
    const text = '作品名称,播放量\r\n"第1条\r\n正文","1,200"\r\n"他说""好""",3\r\n';
    expect(parsePlainCsv(text, ',', 1000)).toEqual([['作品名称', '播放量'], ['第1条\r\n正文', '1,200'], ['他说"好"', '3']]);
    expect(csvParse(text, ',', 1000)).toEqual(parsePlainCsv(text, ',', 1000));
  });

  it('leaves stray quotes, unclosed quotes, mixed line endings and long records to csv-parse', () => {
    expect(parsePlainCsv('a,b"c\n', ',', 1000)).toBeUndefined();
    expect(parsePlainCsv('"a"b,c\n', ',', 1000)).toBeUndefined();
    expect(parsePlainCsv('"a,b\n', ',', 1000)).toBeUndefined();
    expect(parsePlainCsv('a,b\r\nc\nd\r\n', ',', 1000)).toBeUndefined();
    expect(parsePlainCsv('a\rb\n', ',', 1000)).toBeUndefined();
    expect(parsePlainCsv(`${'x'.repeat(400)}\n`, ',', 1000)).toBeUndefined();
  });
});
