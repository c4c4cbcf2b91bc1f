import { describe, expect, it } from 'vitest';
import { parseTime } from '../../src/promo-spec/parse-time.ts';

describe('parseTime', () => {
  it.each([
    [0, 0],
    [3.5, 3.5],
    [9, 9],
    ['3.5', 3.5],
    ['12', 12],
    ['00:12', 12],
    ['00:18.5', 18.5],
    ['1:05', 65],
    ['90:00', 5400],
    ['01:02:03.25', 3723.25],
    ['0:00:00', 0],
    ['10:00:00', 36000],
  ] as const)('%j is %d s', (value, seconds) => {
    expect(parseTime(value)).toBe(seconds);
  });

  it.each([
    -1, Number.NaN, Number.POSITIVE_INFINITY, '', ' 3', '3 ', '-3', '+3', '.5', '3.', '1e3', '00:60', '1:5', '01:60:00', '01:00:60',
    '1:2:3:4', 'abc', '00:12s', '３', null, undefined, true, [], {}, ['3'],
  ])('%j is invalid', (value) => {
    expect(parseTime(value)).toBeUndefined();
  });
});
