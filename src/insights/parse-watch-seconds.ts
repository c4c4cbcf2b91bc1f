// Watch times as exports write them: `1分5秒`, `7.03秒`, `1小时2分`, `1:05`, `0:01:05`, `65`, `65s`.
import { CellError } from './cell-error.ts';
import { parseCount } from './parse-count.ts';

const CHINESE = /^(?:(\d+(?:\.\d+)?)(?:小时|时))?(?:(\d+(?:\.\d+)?)分(?:钟)?)?(?:(\d+(?:\.\d+)?)秒)?$/;
const CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$/;

/** Seconds in `text`, null when empty; throws CellError for anything else. */
export function parseWatchSeconds(text: string): number | null {
  const t = text.trim().replace(/\s+/g, '').replace(/s$/i, '');
  const clock = CLOCK.exec(t);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  const chinese = t === '' ? null : CHINESE.exec(t);
  if (chinese && (chinese[1] || chinese[2] || chinese[3])) return Number(chinese[1] ?? 0) * 3600 + Number(chinese[2] ?? 0) * 60 + Number(chinese[3] ?? 0);
  try {
    return parseCount(t);
  } catch {
    throw new CellError(`${JSON.stringify(text.slice(0, 40))} is not a duration; write 1分5秒, 65 or 1:05`);
  }
}
