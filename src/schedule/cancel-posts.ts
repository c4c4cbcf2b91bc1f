// A person's cancel (`promo posts cancel`, the dashboard's Cancel): posts that have not gone out
// (pending, failed, unknown) become cancelled; a whole spec's also stops its recurring stream being
// scheduled ahead. A cancelled post's upload session URL or token leaves the credentials file.
import { CredentialsFile } from '../accounts/credentials-file.ts';
import { createUploadSecretStore } from '../accounts/upload-secret-store.ts';
import type { PromoConfig } from '../config/config-types.ts';
import type { PostStore } from './post-store.ts';

/** Cancels one post (by id) or every post of a spec (absolute path); returns how many were cancelled. */
export async function cancelPosts(store: PostStore, config: Pick<PromoConfig, 'state'>, where: { id: number } | { spec: string }): Promise<number> {
  const count = store.cancel(where);
  if ('spec' in where) store.setRecurring(where.spec, false);
  // Any other ended post's secrets go too: only pending and sending posts keep theirs.
  if (count > 0) await createUploadSecretStore(CredentialsFile.forState(config.state)).prune((id) => ['pending', 'sending'].includes(store.get(id)?.state ?? ''));
  return count;
}
