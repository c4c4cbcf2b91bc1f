// A time in the footage as a spec writes it: seconds, or "mm:ss(.s)" / "hh:mm:ss(.s)" text.
import { z } from 'zod';
import { describeValue } from '../yaml/schema-helpers.ts';
import { TIME_PATTERN } from './parse-time.ts';

/** The schema of one time field, with its description for the JSON schema. */
export function timeSchema(description: string) {
  return z
    .union(
      [
        z.number().min(0, { error: (iss) => `${describeValue(iss.input)} is negative; times are seconds from the start of the footage, 0 or more` }),
        z.string().regex(TIME_PATTERN, {
          error: (iss) => `${describeValue(iss.input)} is not a time; write seconds (3.5) or "mm:ss(.s)" / "hh:mm:ss(.s)", e.g. "00:12.5"`,
        }),
      ],
      { error: 'a time: seconds (3.5) or text "mm:ss(.s)" such as "00:12.5"' },
    )
    .meta({ description });
}
