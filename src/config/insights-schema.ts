// The `insights:` section of config.yaml: per account of `promo insights import --account NAME`,
// the zone its exports write times in (default: the config's `timezone`).
import { z } from 'zod';
import { isValidTimeZone } from '../time/time-zone.ts';
import { describeValue, nameOf } from '../yaml/schema-helpers.ts';

export const insightsSchema = z.strictObject({
  accounts: z.record(nameOf('account name'), z.strictObject({
    timezone: z.string()
      .refine(isValidTimeZone, { error: (iss) => `${describeValue(iss.input)} is not an IANA time zone; use a name like Asia/Shanghai, America/New_York or UTC` })
      .meta({ description: "Zone the account's exports write their times in" }),
  })).default({}).meta({ description: 'Accounts (as named by `promo insights import --account`; the platform name by default)' }),
});
