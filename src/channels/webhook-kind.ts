// A generic receiver, signed as Standard Webhooks (https://www.standardwebhooks.com/).
import { defineChannelKind } from './channel-kind.ts';
import { secretField } from './secret-field.ts';

const URL_EXAMPLE = 'https://partner.example.com/hooks/promo?token=${PARTNER_TOKEN}';

export const webhookKind = defineChannelKind({
  type: 'webhook',
  label: 'webhook',
  fields: {
    // The receiver's address may be written out; a token in its query or path may not.
    url: secretField('webhook url', { url: { tokenLikePath: true, example: URL_EXAMPLE } }),
    // A `whsec_` secret carries the signing key in base64 after the prefix: the key alone is secret too.
    secret: secretField('webhook secret', { parts: (secret) => (secret.startsWith('whsec_') ? [secret.slice('whsec_'.length)] : []) }),
  },
  limits: {
    textLimit: 1_000_000, limitUnit: 'chars',
    source: 'Standard Webhooks (standardwebhooks.com): no limit of its own, the receiver decides',
  },
  example: { url: URL_EXAMPLE, secret: '${PARTNER_SECRET}' },
});
