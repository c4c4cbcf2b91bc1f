// Checks shared by the upload-secret daemon tests (Instagram, Kuaishou): what the credentials
// file holds for in-flight posts, runs until a post is sent, and secrets looked for in the state
// database's raw bytes (and -wal) and in every output.
import { expect } from 'vitest';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import type { PlatformRig } from './platform-daemon-rig.ts';

/** The credentials file's key in these tests: the file is encrypted, as a careful team's is. */
export const KEY = { PROMO_CREDENTIALS_KEY: 'tea-shop-upload-secrets-key' };
/** Dies right after the send's first checkpoint (Instagram's container + URI, Kuaishou's upload token). */
export const KILL = { PROMO_FAULT: 'after-checkpoint:1' };

/** The saved upload secrets of the rig's posts (decrypted with the key). */
export const uploadsOf = (rig: PlatformRig) => CredentialsFile.forState(rig.state, KEY).readUploads();

/** Runs `promo daemon --once` at each of `minutes` until the post is sent. */
export async function runUntilSent(rig: PlatformRig, minutes: number[]): Promise<Record<string, unknown>> {
  for (const minute of minutes) {
    const run = await rig.daemonAt(minute, KEY);
    expect(run.signal, run.stderr).toBeNull();
    const [post] = await rig.posts();
    if (post!.state === 'sent') return post!;
  }
  throw new Error(`not sent after runs at ${minutes.join(', ')} min: ${JSON.stringify(await rig.posts())}\n${rig.output.join('\n')}`);
}

/** None of `secrets` in the state database's bytes or any output. */
export function expectNowhere(rig: PlatformRig, secrets: string[]): void {
  const db = rig.database();
  for (const secret of secrets) {
    expect(db).not.toContain(secret);
    for (const text of rig.output) expect(text).not.toContain(secret);
  }
}
