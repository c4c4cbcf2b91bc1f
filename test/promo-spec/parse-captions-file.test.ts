import { describe, expect, it } from 'vitest';
import { parseCaptionsFile } from '../../src/promo-spec/parse-captions-file.ts';
import { PromoError } from '../../src/util/promo-error.ts';

function thrown(run: () => unknown): PromoError {
  try {
    run();
  } catch (error) {
    if (error instanceof PromoError) return error;
    throw error;
  }
  throw new Error('expected a PromoError');
}

describe('parseCaptionsFile: SRT', () => {
  it('reads cues with a BOM, CRLF line ends, multi-line text and formatting tags', () => {
    const srt = '\uFEFF1\r\n00:00:01,000 --> 00:00:03,500\r\n<i>明前龙井</i>\r\n<b>鲜爽</b>回甘\r\n\r\n2\r\n00:00:04,250 --> 00:01:02,005\r\n<font color="#ff0000">今晚</font> ¥99\r\n';
    expect(parseCaptionsFile(srt, 'tea.srt')).toEqual([
      { start: 1, end: 3.5, text: '明前龙井\n鲜爽回甘' },
      { start: 4.25, end: 62.005, text: '今晚 ¥99' },
    ]);
  });

  it('keeps every other character literally, including brackets that are not formatting tags', () => {
    const srt = "1\n00:00:00,000 --> 00:00:01,000\n%{pts} {\\fs300} x',drawtext=a <3 [x] <B>y</B> <span>z</span>\n";
    expect(parseCaptionsFile(srt, 'x.srt')[0]!.text).toBe("%{pts} {\\fs300} x',drawtext=a <3 [x] y <span>z</span>");
  });

  it('accepts hours beyond 99, dots for commas, and extra blank lines', () => {
    const srt = '\n\n1\n100:00:01.5 --> 100:00:02,000\nlate\n\n\n\n2\n00:00:05,000 --> 00:00:06,000\nnext\n';
    expect(parseCaptionsFile(srt, 'x.srt')).toEqual([
      { start: 360001.5, end: 360002, text: 'late' },
      { start: 5, end: 6, text: 'next' },
    ]);
  });

  it('names the file and line of a block without a timing line', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nthis is not a timing line\ntext\n';
    const error = thrown(() => parseCaptionsFile(srt, '/shop/tea.srt'));
    expect(error.code).toBe('ASSET_INVALID');
    expect(error.message).toBe('/shop/tea.srt:6: expected a timing line like "00:00:01,000 --> 00:00:03,500", found "this is not a timing line"');
  });

  it('names the line of text where a cue number should be', () => {
    const error = thrown(() => parseCaptionsFile('hello\nworld\n', 'a.srt'));
    expect(error.message).toMatch(/^a\.srt:1: expected a cue number or a timing line/);
  });

  it('refuses a cue that ends before it starts, and impossible minutes', () => {
    expect(thrown(() => parseCaptionsFile('1\n00:00:05,000 --> 00:00:04,000\nx\n', 'a.srt')).message).toBe('a.srt:2: the cue ends (4 s) before it starts (5 s)');
    expect(thrown(() => parseCaptionsFile('1\n00:61:00,000 --> 00:62:00,000\nx\n', 'a.srt')).message).toBe('a.srt:2: minutes and seconds must be below 60');
  });

  it('refuses a file with no cues', () => {
    expect(thrown(() => parseCaptionsFile('\uFEFF\r\n', 'empty.srt')).message).toMatch(/^empty\.srt:1: contains no captions/);
  });
});

describe('parseCaptionsFile: WebVTT', () => {
  it('skips the header, notes and styles; drops cue settings, identifiers and tags; decodes entities', () => {
    const vtt = [
      '\uFEFFWEBVTT - tea captions',
      'Kind: captions',
      '',
      'NOTE made by hand',
      'over two lines',
      '',
      'STYLE',
      '::cue { color: red }',
      '',
      'intro',
      '00:01.000 --> 00:03.500 align:start line:0 position:10%',
      '<v 李博闻>明前龙井</v>',
      '<c.yellow>鲜爽</c> &amp; 回甘 &lt;3',
      '',
      '00:00:04.000 --> 00:00:05.000',
      '<00:00:04.500>karaoke <b>bold</b> <ruby>茶<rt>chá</rt></ruby>',
      '',
    ].join('\r\n');
    expect(parseCaptionsFile(vtt, 'tea.vtt')).toEqual([
      { start: 1, end: 3.5, text: '明前龙井\n鲜爽 & 回甘 <3' },
      { start: 4, end: 5, text: 'karaoke bold 茶chá' },
    ]);
  });

  it('names the file and line of a malformed timing line', () => {
    const vtt = 'WEBVTT\n\n00:01.000 --> 00:02.000\nok\n\n00:03.000 -> 00:04.000\nbad arrow\n';
    const error = thrown(() => parseCaptionsFile(vtt, 'tea.vtt'));
    expect(error.code).toBe('ASSET_INVALID');
    expect(error.message).toBe('tea.vtt:6: expected a timing line like "00:00:01,000 --> 00:00:03,500", found "00:03.000 -> 00:04.000"');
  });

  it('refuses a VTT file with only a header', () => {
    expect(thrown(() => parseCaptionsFile('WEBVTT\n\n', 'a.vtt')).message).toMatch(/^a\.vtt:1: contains no captions/);
  });
});
