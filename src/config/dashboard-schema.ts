// `dashboard:` in config.yaml: present, `promo daemon` serves the dashboard too (as
// `promo dashboard` does), with these defaults.
import { z } from 'zod';
import { numberIn } from '../yaml/schema-helpers.ts';

export const dashboardSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1').meta({ description: 'Address to listen on; anything but loopback (127.0.0.1, ::1, localhost) requires the one-time login link promo prints' }),
  port: numberIn(0, 65535, { integer: true }).default(8770).meta({ description: 'Port to listen on' }),
  lang: z.enum(['zh', 'en']).optional().meta({ description: "Language of the pages (default: the browser's)" }),
  publicUrl: z.string().url().refine((u) => /^https?:/.test(u), { error: 'must be an http(s) URL' })
    .meta({ description: 'The address people open through a reverse proxy (https://promo.example.com): its host is accepted, and cookies are Secure on https' })
    .optional(),
});

export type DashboardConfigInput = z.output<typeof dashboardSchema>;
