// A zod schema for durations in config files (`5s`, `500ms`, `2m`, or seconds).
import { z } from 'zod';
import { describeValue } from '../yaml/schema-helpers.ts';
import { parseDuration } from '../time/parse-duration.ts';

/** A duration: `5s`, `500ms`, `2m`, `1h`, or seconds as a number, within [min, max] seconds. */
export function durationIn(min: number, max: number) {
  return z.union([z.number(), z.string()], { error: 'a duration such as 5s, 500ms or 2m' }).refine((value) => {
    const seconds = parseDuration(value);
    return seconds !== undefined && seconds >= min && seconds <= max;
  }, { error: (iss) => `${describeValue(iss.input)} is not a duration from ${min} to ${max} seconds; write it like 5s, 500ms or 2m` });
}

