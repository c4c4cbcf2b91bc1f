// Discord webhook, https://discord.com/developers/docs/resources/webhook#execute-webhook.
import { defineChannelKind } from './channel-kind.ts';
import { secretField } from './secret-field.ts';

const URL_EXAMPLE = 'https://discord.com/api/webhooks/123456789012345678/${DISCORD_WEBHOOK_TOKEN}';

export const discordKind = defineChannelKind({
  type: 'discord',
  label: 'Discord webhook',
  fields: {
    url: secretField('Discord webhook url', { url: { tokenInPath: true, example: URL_EXAMPLE } }),
  },
  limits: {
    textLimit: 2000, limitUnit: 'chars', maxVideoBytes: 8_000_000, maxCoverBytes: 8_000_000,
    // Discord publishes its limits only as X-RateLimit-* headers; webhooks are widely reported to
    // take 30 messages per minute and 5 per 2 seconds (guide). 429s are still honoured.
    rate: [{ messages: 30, seconds: 60 }, { messages: 5, seconds: 2 }],
    source: 'Discord webhook docs (discord.com/developers/docs/resources/webhook); attachment limit: PLATFORMS.md; rate: guide (birdie0.github.io/discord-webhooks-guide/other/rate_limits.html)',
  },
  example: { url: URL_EXAMPLE },
});
