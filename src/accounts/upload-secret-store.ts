// The secret fields of in-flight posts' progress (ChannelDriver.secretProgress: upload session
// URLs, upload tokens), kept in the credentials file by post id instead of the state database.
import type { CredentialsFile } from './credentials-file.ts';

export interface UploadSecretStore {
  /** What was saved for post `id` (an empty object when nothing was). */
  get(id: number): Promise<Record<string, unknown>>;
  /** Saves `fields` for post `id` (durably, before returning); empty fields remove the entry. */
  set(id: number, fields: Record<string, unknown>): Promise<void>;
  /** Removes the entries of posts `keep` does not keep (ended: sent, failed, cancelled…). */
  prune(keep: (id: number) => boolean): Promise<void>;
}

/** The upload secrets of the posts of the state database beside `credentials`. */
export function createUploadSecretStore(credentials: CredentialsFile): UploadSecretStore {
  return {
    async get(id) {
      return { ...(await credentials.readUploads())[String(id)] };
    },
    set: (id, fields) => credentials.updateUploads((uploads) => {
      if (Object.keys(fields).length === 0) delete uploads[String(id)];
      else uploads[String(id)] = fields;
    }),
    prune: (keep) => credentials.updateUploads((uploads) => {
      for (const key of Object.keys(uploads)) if (!keep(Number(key))) delete uploads[key];
    }),
  };
}
