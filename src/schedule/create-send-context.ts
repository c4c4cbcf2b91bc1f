// What one call of a channel's send gets: the real clock, the abort signal and timeout, and for
// video platforms the post's progress and a checkpoint that saves it, split so the progress fields
// the driver declares secret go to the upload secret store (the credentials file) and the state
// database never holds a secret, and the account's access token and id.
import type { UploadSecretStore } from '../accounts/upload-secret-store.ts';
import { ChannelError, type Channel, type SendContext } from '../publish/channel-types.ts';
import { faultPoint } from './fault-point.ts';
import type { PostRecord } from './post-record.ts';
import type { PostStore } from './post-store.ts';
import type { PostAccount } from './publish-due-types.ts';

export interface SendContextOptions {
  store: PostStore;
  uploadSecrets: UploadSecretStore;
  /** The real clock, for what is sent and recorded. */
  now: () => Date;
  signal: AbortSignal;
  timeoutMs: number;
  /** The channel's connected account (video platforms). */
  account?: PostAccount;
  /** The channel's configured secrets: a checkpoint holding one of them is refused. */
  secrets: readonly string[];
}

/** The SendContext of one call of `channel`'s send for `post`. */
export async function createSendContext(post: PostRecord, channel: Channel, options: SendContextOptions): Promise<SendContext> {
  const { store, uploadSecrets, account, secrets } = options;
  const base = { now: options.now, signal: options.signal, timeoutMs: options.timeoutMs };
  const handedOut: string[] = [];
  const hidden = channel.secretProgress ?? [];
  let savedSecret = hidden.length > 0 ? await uploadSecrets.get(post.id) : {};
  return {
    ...base,
    progress: { ...post.progress, ...savedSecret },
    async checkpoint(progress) {
      const secret = Object.fromEntries(Object.entries(progress).filter(([key]) => hidden.includes(key)));
      const open = Object.fromEntries(Object.entries(progress).filter(([key]) => !hidden.includes(key)));
      const text = JSON.stringify(open);
      // The state database never holds a secret: a driver that tried to save one is a bug, stopped here.
      if ([...secrets, ...handedOut].some((value) => value && text.includes(value))) {
        throw new ChannelError(`${post.channel}: refused to save progress holding a token or secret (a bug in the channel's driver)`, { retryable: false, maybeDelivered: true });
      }
      // The secret part first: after a crash between the two writes the database's progress
      // never names an upload whose secret is missing. Unchanged (each chunk's byte count), not rewritten.
      if (JSON.stringify(secret) !== JSON.stringify(savedSecret)) {
        await uploadSecrets.set(post.id, secret);
        savedSecret = secret;
      }
      store.saveProgress(post.id, open);
      faultPoint('after-checkpoint');
    },
    ...(account ? {
      accessToken: async (request?: { force?: boolean }) => {
        const token = await account.accessToken(request, base);
        handedOut.push(token);
        return token;
      },
      accountId: () => account.accountId(),
    } : {}),
  };
}
