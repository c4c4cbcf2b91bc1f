// Reads timed captions from SRT or WebVTT text into plain cues: times in seconds, text with the
// formatting tags removed and every other character kept as written.
import { PromoError } from '../util/promo-error.ts';

export interface CaptionCue {
  /** Seconds into the footage. */
  start: number;
  end: number;
  /** Lines joined with "\n". */
  text: string;
}

// `00:00:01,000` (SRT) or `00:00:01.000` / `00:01.000` (VTT); hours may have any number of digits.
const TIMESTAMP = String.raw`(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?`;
const LOOKS_LIKE_TIMING = /^\s*(?:\d+:)?\d{1,2}:\d{1,2}[,.]\d/;
const TIMING = new RegExp(String.raw`^\s*${TIMESTAMP}\s*-->\s*${TIMESTAMP}(?:\s+(.*))?$`);

/** Parses `text` (the file's content; `fileName` is only used in errors). Throws PromoError('ASSET_INVALID'). */
export function parseCaptionsFile(text: string, fileName: string): CaptionCue[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const vtt = /^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '');
  const fail = (line: number, message: string): never => {
    throw new PromoError('ASSET_INVALID', `${fileName}:${line}: ${message}`, {
      hint: 'fix the captions file (SRT or WebVTT)',
    });
  };
  const cues: CaptionCue[] = [];
  let index = 0;
  if (vtt) {
    // The header runs to the first blank line.
    while (index < lines.length && lines[index]!.trim() !== '') index++;
  }

  while (index < lines.length) {
    while (index < lines.length && lines[index]!.trim() === '') index++;
    if (index >= lines.length) break;
    const blockStart = index;
    const block: string[] = [];
    while (index < lines.length && lines[index]!.trim() !== '') block.push(lines[index++]!);

    if (vtt && /^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(block[0]!)) continue;
    // A cue may open with an identifier (SRT: its number; VTT: any text without "-->"). A first
    // line that starts with a timestamp is a (perhaps broken) timing line, not an identifier.
    let timingAt = 0;
    if (!block[0]!.includes('-->') && !LOOKS_LIKE_TIMING.test(block[0]!)) {
      if (!vtt && !/^\s*\d+\s*$/.test(block[0]!)) {
        fail(blockStart + 1, `expected a cue number or a timing line like "00:00:01,000 --> 00:00:03,500", found ${JSON.stringify(block[0]!.slice(0, 60))}`);
      }
      timingAt = 1;
    }
    const timingLine = block[timingAt];
    const lineNumber = blockStart + timingAt + 1;
    if (timingLine === undefined) fail(lineNumber, 'a cue has no timing line; each cue needs "start --> end" before its text');
    const match = TIMING.exec(timingLine!);
    if (!match) fail(lineNumber, `expected a timing line like "00:00:01,000 --> 00:00:03,500", found ${JSON.stringify(timingLine!.slice(0, 60))}`);
    const start = toSeconds(match!.slice(1, 5));
    const end = toSeconds(match!.slice(5, 9));
    if (start === undefined || end === undefined) fail(lineNumber, 'minutes and seconds must be below 60');
    if (end! < start!) fail(lineNumber, `the cue ends (${end} s) before it starts (${start} s)`);
    // VTT cue settings after the end time (`align:start line:0`) only place the text: dropped.
    const body = block.slice(timingAt + 1).map((line) => cleanLine(line, vtt));
    cues.push({ start: start!, end: end!, text: body.join('\n') });
  }
  if (cues.length === 0) fail(1, 'contains no captions; add cues or remove `captions` from the clip');
  return cues;
}

function toSeconds([hours, minutes, seconds, fraction]: (string | undefined)[]): number | undefined {
  const m = Number(minutes);
  const s = Number(seconds);
  if (m >= 60 || s >= 60) return undefined;
  const ms = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0'));
  return Number(hours ?? 0) * 3600 + m * 60 + s + ms / 1000;
}

// Formatting tags only: <i> <b> <u> <s> <font …> in SRT, plus VTT's <c.class> <v Name> <lang> <ruby>
// <rt> and <00:00:01.000> karaoke timestamps. Anything else in angle brackets is kept as text.
const SRT_TAGS = /<\/?(?:i|b|u|s|font)(?:\s[^<>]*)?>/gi;
const VTT_TAGS = /<\/?(?:i|b|u|c|v|lang|ruby|rt)(?:[.\s][^<>]*)?>|<\d+(?::\d{2}){1,2}\.\d{3}>/g;

function cleanLine(line: string, vtt: boolean): string {
  if (!vtt) return line.replace(SRT_TAGS, '');
  return line
    .replace(VTT_TAGS, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (_, name: string) => VTT_ENTITIES[name] ?? _);
}

const VTT_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', nbsp: '\u00A0', lrm: '\u200E', rlm: '\u200F', quot: '"', apos: "'",
};
