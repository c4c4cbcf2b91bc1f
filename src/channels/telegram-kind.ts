// Telegram Bot API, https://core.telegram.org/bots/api.
import { z } from 'zod';
import { defineChannelKind } from './channel-kind.ts';
import { secretField } from './secret-field.ts';

export const telegramKind = defineChannelKind({
  type: 'telegram',
  label: 'Telegram bot',
  fields: {
    // `<bot id>:<secret part>`: the part after the colon alone must not show either.
    token: secretField('Telegram bot token', { parts: (token) => (token.includes(':') ? [token.slice(token.indexOf(':') + 1)] : []) }),
    chat: z.string().min(1).meta({ description: 'Chat id or @channelname' }),
    api: z.string().url().default('https://api.telegram.org'),
  },
  limits: {
    // 1024 is the caption limit of sendVideo; sendMessage (no video) takes 4096.
    textLimit: 1024, limitUnit: 'chars', messageTextLimit: 4096, maxVideoBytes: 50_000_000,
    // Bot FAQ ("My bot is hitting limits"): no more than 20 messages per minute in a group, about
    // one per second in any chat.
    rate: [{ messages: 20, seconds: 60 }, { messages: 1, seconds: 1 }],
    source: 'Telegram Bot API (core.telegram.org/bots/api#sendvideo); rate: core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this',
  },
  example: { token: '${TELEGRAM_BOT_TOKEN}', chat: '@mystore' },
});
